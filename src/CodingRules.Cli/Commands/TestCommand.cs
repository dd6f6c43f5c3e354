using System.CommandLine;
using CodingRules.Catalog;
using CodingRules.Diagnostics;

namespace CodingRules.Cli.Commands;

/// <summary>
/// <c>codingrules test [PATH...] [--rules DIR]</c>: runs rule test files; exit 0 all passed, 1 failures (or no test
/// case to run), 2 rules do not load. The tests run in the catalog they need: a path inside the rules folder runs
/// the tests under it, and the template cases that run for the versions under it, with every rule set of the folder
/// loaded (a contractor's folder needs the coding rule sets and templates beside it); a path outside it is a rules tree of its own, loaded as it is, or, with an explicit
/// <c>--rules</c>, together with that folder.
/// </summary>
internal static class TestCommand
{
    public static Command Create(CliConsole console, string defaultRules)
    {
        var paths = new Argument<string[]>("paths") { Description = "Test files or folders to run (default: every test of the rules folder)", Arity = ArgumentArity.ZeroOrMore };
        var rules = Options.Rules(defaultRules);
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List passing cases too" };
        var command = new Command("test", "Run the rule sets' test cases.") { paths, rules, verbose };
        command.SetAction(parse =>
        {
            // Note: paths are loaded as the user wrote them (locations in the output keep that form) and compared in full.
            var rulesGiven = parse.GetValue(rules)!;
            var rulesFolder = Path.GetFullPath(rulesGiven);
            var explicitRules = parse.GetResult(rules) is { Implicit: false };
            var given = parse.GetValue(paths) ?? [];
            var wanted = given.Select(Path.GetFullPath).ToList();
            var outside = given.Where(p => !IsUnder(Path.GetFullPath(p), rulesFolder)).ToList();
            string[] load = wanted.Count == 0 || explicitRules || outside.Count < wanted.Count
                ? [rulesGiven, .. outside]
                : [.. outside];
            var (catalog, diagnostics) = RuleCatalog.Load(load);
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                DiagnosticFormatter.WriteText(console.Error, diagnostics);
                return ExitCodes.Usage;
            }

            // A template's cases that ran for a version under a wanted path count as that version's tests.
            var versionsWanted = catalog.RuleSets.Where(r => wanted.Any(w => IsUnder(Path.GetFullPath(r.Location.Path), w))).Select(r => $"{r.Id}@{r.Version}").ToHashSet(StringComparer.Ordinal);
            var results = catalog.RunTests()
                .Where(r => wanted.Count == 0 || wanted.Any(w => IsUnder(Path.GetFullPath(r.Case.Location.Path), w)) || (r.RanFor is { } ranFor && versionsWanted.Contains(ranFor)))
                .ToList();
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
            console.Out.WriteLine($"Rule tests: {results.Count - failed} passed, {failed} failed");
            if (results.Count == 0)
            {
                console.Error.WriteLine($"codingrules: no test case under {string.Join(", ", given.Length == 0 ? [rulesGiven] : given)} (test files are named *.tests.yaml)");
            }

            return failed > 0 || results.Count == 0 ? ExitCodes.Problems : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies inside it.</summary>
    private static bool IsUnder(string path, string folder)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var root = Path.TrimEndingDirectorySeparator(folder);
        return string.Equals(Path.TrimEndingDirectorySeparator(path), root, comparison) || path.StartsWith(root + Path.DirectorySeparatorChar, comparison);
    }
}
