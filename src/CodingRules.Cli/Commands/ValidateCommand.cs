using System.CommandLine;
using System.Reflection;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Loading;

namespace CodingRules.Cli.Commands;

/// <summary><c>codingrules validate [PATH...] [--format text|json|sarif]</c>: exit 0 valid, 1 errors, 2 usage.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console, string defaultRules)
    {
        var paths = new Argument<string[]>("paths") { Description = "Rule files or folders (default: the shipped rules)", Arity = ArgumentArity.ZeroOrMore };
        var format = Options.Format("text", "json", "sarif");
        var command = new Command("validate", "Check rule and test files; report located diagnostics.") { paths, format };
        command.SetAction(parse =>
        {
            var targets = parse.GetValue(paths) is { Length: > 0 } p ? p : [defaultRules];
            var (catalog, loaded) = RuleCatalog.Load(targets, includeTests: true, SchemaCheckCache.FromEnvironment());
            var diagnostics = LintCommand.Lint(catalog, loaded);
            Write(console, parse.GetValue(format)!, diagnostics, Summary(catalog, diagnostics));
            return diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? ExitCodes.Problems : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Writes diagnostics as text (then <paramref name="summary"/>), JSON or SARIF.</summary>
    internal static void Write(CliConsole console, string format, System.Collections.Immutable.ImmutableArray<Diagnostic> diagnostics, string summary)
    {
        switch (format)
        {
            case "json":
                DiagnosticFormatter.WriteJson(console.OutputStream, diagnostics);
                console.OutputStream.Flush();
                break;
            case "sarif":
                DiagnosticFormatter.WriteSarif(console.OutputStream, diagnostics, Version);
                console.OutputStream.WriteByte((byte)'\n');
                console.OutputStream.Flush();
                break;
            default:
                DiagnosticFormatter.WriteText(console.Out, diagnostics);
                console.Out.WriteLine(summary);
                break;
        }
    }

    /// <summary>The summary line of <paramref name="diagnostics"/> over <paramref name="catalog"/>.</summary>
    internal static string Summary(RuleCatalog catalog, IReadOnlyCollection<Diagnostic> diagnostics) =>
        Summary(catalog, diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error), diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning));

    internal static string Version =>
        typeof(RuleCatalog).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>"35 versions of 15 rule sets, 8 libraries, 363 test cases: 0 errors, 0 warnings".</summary>
    internal static string Summary(RuleCatalog catalog, int errors, int warnings)
    {
        static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
        var ruleSets = catalog.RuleSets.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count();
        return $"{Count(catalog.RuleSets.Length, "version", "versions")} of {Count(ruleSets, "rule set", "rule sets")}, "
            + $"{Count(catalog.Libraries.Length, "library", "libraries")}, {Count(catalog.Tests.Sum(t => t.Cases.Length), "test case", "test cases")}: "
            + $"{Count(errors, "error", "errors")}, {Count(warnings, "warning", "warnings")}";
    }
}
