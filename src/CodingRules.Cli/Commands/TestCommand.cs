using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Evaluation;
using CodingRules.Loading;
using CodingRules.Testing;

namespace CodingRules.Cli.Commands;

/// <summary>
/// <c>codingrules test [PATH...] [--rules DIR] [--run NAME] [--coverage] [--threshold P] [--watch]</c>: runs rule test
/// files; exit 0 all passed, 1 failures (or no test case to run, or coverage below the threshold), 2 rules do not load
/// or bad usage. The tests run in the catalog they need: a path inside the rules folder runs the tests under it, and
/// the template cases that run for the versions under it, with every rule set of the folder loaded (a contractor's
/// folder needs the coding rule sets and templates beside it); a path outside it is a rules tree of its own, loaded as
/// it is, or, with an explicit <c>--rules</c>, together with that folder.
/// </summary>
internal static class TestCommand
{
    /// <summary>What one run of the verb is asked to do (the command line, parsed).</summary>
    internal sealed record Settings(string RulesGiven, bool ExplicitRules, IReadOnlyList<string> Paths, bool Verbose, Func<string, bool> Matches, string? Run, bool Coverage, bool Json, double? Threshold);

    public static Command Create(CliConsole console, string defaultRules)
    {
        var paths = new Argument<string[]>("paths") { Description = "Test files or folders to run (default: every test of the rules folder)", Arity = ArgumentArity.ZeroOrMore };
        var rules = Options.Rules(defaultRules);
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List passing cases too" };
        var run = new Option<string>("--run") { HelpName = "NAME", Description = "Run only the cases whose name (as reported, with [id@version] for a template's case) contains NAME, ignoring case; /REGEX/ matches a .NET regular expression instead" };
        var coverage = new Option<bool>("--coverage") { Description = "After the summary, report per rule set file which checks (fired / evaluated but never fired), ladder steps, families, findings and look-up rows the cases exercised, the figure (Coverage: P% (N of M items)) and each item not covered at its path:line; a template's items count once, covered by any version built on it; data table rows are counted apart, not in the figure" };
        var format = new Option<string>("--coverage-format") { Description = "Coverage output: text (default) | json (one JSON document on standard output; the test report goes to standard error)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var threshold = new Option<double?>("--threshold") { HelpName = "P", Description = "Exit 1 when the coverage figure is below P percent (implies --coverage)" };
        var watch = new Option<bool>("--watch", "-w") { Description = "Run, then run again whenever a file under the loaded folders changes, until Ctrl+C or the end of standard input" };
        var command = new Command("test", "Run the rule sets' test cases; with --coverage, say what they never exercise (docs/authoring.md, section 11).") { paths, rules, verbose, run, coverage, format, threshold, watch };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(run);
            var matches = Matcher(name, console.Error);
            var limit = parse.GetValue(threshold);
            if (matches is null || limit is < 0 or > 100)
            {
                if (limit is < 0 or > 100)
                {
                    console.Error.WriteLine("codingrules: --threshold takes a percentage from 0 to 100");
                }

                return ExitCodes.Usage;
            }

            var settings = new Settings(
                parse.GetValue(rules)!,
                parse.GetResult(rules) is { Implicit: false },
                parse.GetValue(paths) ?? [],
                parse.GetValue(verbose),
                matches,
                name,
                parse.GetValue(coverage) || limit is not null || parse.GetResult(format) is { Implicit: false },
                parse.GetValue(format) == "json",
                limit);
            return parse.GetValue(watch) ? TestWatcher.Watch(console, settings, LoadPaths(settings)) : RunOnce(console, settings);
        });
        return command;
    }

    /// <summary>The files and folders a run loads: the rules folder (unless every path lies outside it) and the paths outside it.</summary>
    internal static string[] LoadPaths(Settings settings)
    {
        // Note: paths are loaded as the user wrote them (locations in the output keep that form) and compared in full.
        var rulesFolder = Path.GetFullPath(settings.RulesGiven);
        var wanted = settings.Paths.Select(Path.GetFullPath).ToList();
        var outside = settings.Paths.Where(p => !IsUnder(Path.GetFullPath(p), rulesFolder)).ToList();
        return wanted.Count == 0 || settings.ExplicitRules || outside.Count < wanted.Count
            ? [settings.RulesGiven, .. outside]
            : [.. outside];
    }

    /// <summary>Loads the rules, runs the selected cases and reports them (and their coverage); returns the exit code.</summary>
    internal static int RunOnce(CliConsole console, Settings settings)
    {
        var (catalog, diagnostics) = RuleCatalog.Load(LoadPaths(settings), includeTests: true, SchemaCheckCache.FromEnvironment());
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            DiagnosticFormatter.WriteText(console.Error, diagnostics);
            return ExitCodes.Usage;
        }

        // A template's cases that ran for a version under a wanted path count as that version's tests.
        var wanted = settings.Paths.Select(Path.GetFullPath).ToList();
        var versionsWanted = catalog.RuleSets.Where(r => wanted.Any(w => IsUnder(Path.GetFullPath(r.Location.Path), w))).Select(r => $"{r.Id}@{r.Version}").ToHashSet(StringComparer.Ordinal);
        var recorder = settings.Coverage ? new CoverageRecorder() : null;
        var results = catalog.RunTests(
            (file, testCase, ranFor) =>
                (wanted.Count == 0 || wanted.Any(w => IsUnder(Path.GetFullPath(testCase.Location.Path), w)) || (ranFor is not null && versionsWanted.Contains(ranFor)))
                && settings.Matches(ranFor is null ? testCase.Name : $"{testCase.Name} [{ranFor}]"),
            recorder);

        // Note: with JSON coverage, standard output holds the JSON document alone; the test report goes to standard error.
        var report = settings.Json ? console.Error : console.Out;
        foreach (var r in results)
        {
            if (!r.Passed)
            {
                report.WriteLine($"FAIL {r.Case.Location}: {r.Title}");
                foreach (var failure in r.Failures)
                {
                    report.WriteLine($"     {failure}");
                }
            }
            else if (settings.Verbose)
            {
                report.WriteLine($"pass {r.Case.Location}: {r.Title}");
            }
        }

        var failed = results.Count(r => !r.Passed);
        report.WriteLine($"Rule tests: {results.Length - failed} passed, {failed} failed");
        if (results.IsEmpty)
        {
            var where = string.Join(", ", settings.Paths.Count == 0 ? [settings.RulesGiven] : settings.Paths);
            console.Error.WriteLine(settings.Run is null
                ? $"codingrules: no test case under {where} (test files are named *.tests.yaml)"
                : $"codingrules: no test case under {where} matches --run {settings.Run}");
        }

        var exit = failed > 0 || results.IsEmpty ? ExitCodes.Problems : ExitCodes.Ok;
        if (recorder is null)
        {
            return exit;
        }

        // The versions whose coverage is reported: all, or those under the paths and those the selected cases tested.
        var scope = wanted.Count == 0
            ? catalog.RuleSets
            : [.. catalog.RuleSets.Where(v =>
            {
                var key = $"{v.Id}@{v.Version}";
                return versionsWanted.Contains(key) || results.Any(r => r.RanFor == key
                    || (r.RanFor is null && r.File.RuleSetId == v.Id && !r.Actual.RuleSets.IsDefault && r.Actual.RuleSets.Any(u => u.Id == v.Id && u.Version == v.Version)));
            })];
        var coverage = CoverageReport.Build(scope, catalog.Templates.Concat(catalog.Libraries), recorder);
        if (settings.Json)
        {
            CoverageOutput.WriteJson(console.OutputStream, coverage, results.Length - failed, failed, settings.Threshold);
        }
        else
        {
            CoverageOutput.WriteText(console.Out, coverage);
        }

        if (settings.Threshold is { } threshold && coverage.Percent < threshold)
        {
            console.Error.WriteLine($"codingrules: coverage {coverage.PercentText} is below the threshold of {threshold.ToString("0.###", CultureInfo.InvariantCulture)}%");
            return ExitCodes.Problems;
        }

        return exit;
    }

    /// <summary>The test of a case's name <c>--run</c> asks for (all when not given); null when its regular expression is not valid (said on <paramref name="error"/>).</summary>
    private static Func<string, bool>? Matcher(string? run, TextWriter error)
    {
        if (string.IsNullOrEmpty(run))
        {
            return static _ => true;
        }

        if (run.Length < 2 || !run.StartsWith('/') || !run.EndsWith('/'))
        {
            return name => name.Contains(run, StringComparison.OrdinalIgnoreCase);
        }

        try
        {
            var regex = new Regex(run[1..^1], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return regex.IsMatch;
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"codingrules: --run {run} is not a valid regular expression: {e.Message}");
            return null;
        }
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies inside it.</summary>
    internal static bool IsUnder(string path, string folder)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var root = Path.TrimEndingDirectorySeparator(folder);
        return string.Equals(Path.TrimEndingDirectorySeparator(path), root, comparison) || path.StartsWith(root + Path.DirectorySeparatorChar, comparison);
    }
}
