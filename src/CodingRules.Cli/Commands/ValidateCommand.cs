using System.CommandLine;
using System.Reflection;
using CodingRules.Catalog;
using CodingRules.Diagnostics;

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
            var (catalog, diagnostics) = RuleCatalog.Load(targets);
            switch (parse.GetValue(format))
            {
                case "json":
                    DiagnosticFormatter.WriteJson(console.OutputStream, diagnostics);
                    console.OutputStream.Flush();
                    break;
                case "sarif":
                    DiagnosticFormatter.WriteSarif(console.OutputStream, diagnostics, Version);
                    console.OutputStream.Flush();
                    break;
                default:
                    DiagnosticFormatter.WriteText(console.Out, diagnostics);
                    var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
                    var warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
                    console.Out.WriteLine($"{catalog.RuleSets.Length} rule set(s), {catalog.Tests.Sum(t => t.Cases.Length)} test case(s): {errors} error(s), {warnings} warning(s)");
                    break;
            }

            return diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? ExitCodes.Problems : ExitCodes.Ok;
        });
        return command;
    }

    internal static string Version =>
        typeof(RuleCatalog).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
