using System.CommandLine;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Linting;
using CodingRules.Loading;

namespace CodingRules.Cli.Commands;

/// <summary>
/// <c>codingrules lint [PATH...] [--rules DIR] [--format text|json|sarif]</c>: the CR6xxx warnings (dead, constant,
/// shadowed or misplaced rule content) with the load's own warnings; exit 0 clean, 1 any warning or error. A path
/// inside the rules folder is linted in the catalog of the whole folder, and only what is written under it is reported.
/// </summary>
internal static class LintCommand
{
    public static Command Create(CliConsole console, string defaultRules)
    {
        var paths = new Argument<string[]>("paths") { Description = "Rule files or folders to report on (default: the whole rules folder)", Arity = ArgumentArity.ZeroOrMore };
        var rules = Options.Rules(defaultRules);
        var format = Options.Format("text", "json", "sarif");
        var command = new Command("lint", "Report rule content that loads but is dead, constant, shadowed or misplaced (CR6xxx), with the fix.") { paths, rules, format };
        command.SetAction(parse =>
        {
            var scope = new PathScope(parse.GetValue(rules)!, parse.GetResult(rules) is { Implicit: false }, parse.GetValue(paths) ?? []);
            var (catalog, loaded) = RuleCatalog.Load(scope.Load, includeTests: true, SchemaCheckCache.FromEnvironment());
            System.Collections.Immutable.ImmutableArray<Diagnostic> diagnostics = [.. Lint(catalog, loaded).Where(d => scope.Wants(d.Location.Path))];
            ValidateCommand.Write(console, parse.GetValue(format)!, diagnostics, "lint: " + ValidateCommand.Summary(catalog, diagnostics));
            return diagnostics.IsEmpty ? ExitCodes.Ok : ExitCodes.Problems;
        });
        return command;
    }

    /// <summary>
    /// The load's diagnostics and, when the rules loaded without error, the lint warnings, sorted by location (lint on
    /// rules that did not load would speak of what is missing only because of the errors).
    /// </summary>
    public static System.Collections.Immutable.ImmutableArray<Diagnostic> Lint(RuleCatalog catalog, System.Collections.Immutable.ImmutableArray<Diagnostic> loaded) =>
        loaded.Any(d => d.Severity == DiagnosticSeverity.Error)
            ? loaded
            : [.. loaded.Concat(Linter.Run(catalog)).OrderBy(d => d.Location).ThenBy(d => d.Id, StringComparer.Ordinal)];
}
