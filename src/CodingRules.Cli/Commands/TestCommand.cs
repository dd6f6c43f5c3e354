using System.CommandLine;
using CodingRules.Catalog;
using CodingRules.Diagnostics;

namespace CodingRules.Cli.Commands;

/// <summary><c>codingrules test [PATH...]</c>: runs the rule test files; exit 0 all passed, 1 failures, 2 rules do not load.</summary>
internal static class TestCommand
{
    public static Command Create(CliConsole console, string defaultRules)
    {
        var paths = new Argument<string[]>("paths") { Description = "Rule folders with their *.tests.yaml files (default: the shipped rules)", Arity = ArgumentArity.ZeroOrMore };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List passing cases too" };
        var command = new Command("test", "Run the rule sets' test cases.") { paths, verbose };
        command.SetAction(parse =>
        {
            var targets = parse.GetValue(paths) is { Length: > 0 } p ? p : [defaultRules];
            var (catalog, diagnostics) = RuleCatalog.Load(targets);
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                DiagnosticFormatter.WriteText(console.Error, diagnostics);
                return ExitCodes.Usage;
            }

            var results = catalog.RunTests();
            foreach (var r in results)
            {
                if (!r.Passed)
                {
                    console.Out.WriteLine($"FAIL {r.Case.Location}: {r.Title}");
                    foreach (var failure in r.Failures)
                    {
                        console.Out.WriteLine($"     {failure}");
                    }
                }
                else if (parse.GetValue(verbose))
                {
                    console.Out.WriteLine($"pass {r.Case.Location}: {r.Title}");
                }
            }

            var failed = results.Count(r => !r.Passed);
            console.Out.WriteLine($"Rule tests: {results.Length - failed} passed, {failed} failed");
            return failed > 0 || results.IsEmpty ? ExitCodes.Problems : ExitCodes.Ok;
        });
        return command;
    }
}
