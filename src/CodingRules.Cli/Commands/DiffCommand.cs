using System.Collections.Immutable;
using System.CommandLine;
using CodingRules.Catalog;
using CodingRules.Diff;
using CodingRules.Loading;
using CodingRules.Model;

namespace CodingRules.Cli.Commands;

/// <summary>
/// <c>codingrules diff A B | ID@V1 ID@V2 | ID --dates D1 D2 | --git REV1 [REV2] [PATH]
/// [--format text|markdown|json] [--rules DIR] [--encounters FILE]</c>: the semantic differences between two rule
/// files, two folders, two versions of a rule set, the versions in force on two dates, or the rules folder of two
/// git revisions; with <c>--encounters</c>, the encounters whose outcome differs (streamed: memory does not grow
/// with the file). Exit 0 no change, 1 changes,
/// 2 usage errors, rules with errors, or an id, version or date with nothing in force.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliConsole console, string defaultRules)
    {
        var sides = new Argument<string[]>("sides")
        {
            Description = "Two rule files or folders, or ID@V1 ID@V2; one ID with --dates; an optional path (default 'rules') with --git",
            Arity = new ArgumentArity(0, 2),
        };
        var format = Options.Format("text", "markdown", "json");
        var rules = Options.Rules(defaultRules);
        var dates = new Option<string[]>("--dates") { Description = "Compare the versions of ID in force on two dates (YYYY-MM-DD)", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
        var git = new Option<string[]>("--git") { Description = "Compare the rules folder of two git revisions (REV1 REV2), read through git without a checkout, or of one revision with the working tree (REV)", Arity = new ArgumentArity(1, 2), AllowMultipleArgumentsPerToken = true };
        var encounters = new Option<string?>("--encounters", "-e") { Description = "Replay the encounters of this NDJSON file under both sides; report those whose lines or findings differ ('-' reads standard input)" };
        var allDates = new Option<bool>("--all-dates") { Description = "With --encounters: replay every encounter, not only those dated where the two sides differ" };
        var tests = new Option<bool>("--tests") { Description = "Between two versions of one rule set: compare the test cases written beside each too, by case name" };
        var command = new Command("diff", "Show what changed between two rule versions, in the domain's words, and what it does to encounters.")
        {
            sides, format, rules, dates, git, encounters, allDates, tests,
        };
        command.SetAction(parse => Run(console, new DiffRequest(
            parse.GetValue(sides) ?? [], parse.GetValue(format)!, parse.GetValue(rules)!, parse.GetResult(dates) is null ? null : parse.GetValue(dates), parse.GetResult(git) is null ? null : parse.GetValue(git), parse.GetValue(encounters))
        {
            AllDates = parse.GetValue(allDates),
            Tests = parse.GetValue(tests),
        }));
        return command;
    }

    private static int Run(CliConsole console, DiffRequest request)
    {
        if (request.Encounters is { } file && file != "-" && !File.Exists(file))
        {
            console.Error.WriteLine($"codingrules: no file '{file}'");
            return ExitCodes.Usage;
        }

        if (request.Git is { } revisions)
        {
            // Note: '--git REV PATH' reads as two values of --git; a second value that is a path here and no
            // revision is the path (REV against the working tree).
            if (revisions.Length == 2 && request.Sides.Length == 0 && (Directory.Exists(revisions[1]) || File.Exists(revisions[1])) && !DiffGit.IsRevision(revisions[1]))
            {
                request = request with { Sides = [revisions[1]] };
                revisions = [revisions[0]];
            }

            if (request.Sides.Length > 1 || request.Dates is not null)
            {
                return Usage(console, "with --git give at most one path (default 'rules') and no --dates");
            }

            var path = request.Sides.Length == 1 ? request.Sides[0] : "rules";
            using var before = DiffGit.Export(console, revisions[0], path);
            if (before is not null && revisions.Length == 1)
            {
                // One revision: against the working tree, as the editor has it now (saved, not committed).
                if (!Directory.Exists(path) && !File.Exists(path))
                {
                    return Usage(console, $"no '{path}' in the working tree");
                }

                var was = DiffSide.FromPath(console, before.Root, before.Show, $"{revisions[0]}:{path}");
                var now = was is null ? null : DiffSide.FromPath(console, path, label: $"working tree:{path}");
                return was is null || now is null ? ExitCodes.Usage : Report(console, request, was, now, null);
            }

            using var after = before is null ? null : DiffGit.Export(console, revisions[1], path);
            if (before is null || after is null)
            {
                return ExitCodes.Usage;
            }

            if (before.Files + after.Files == 0)
            {
                return Usage(console, $"no rule files under '{path}' at {revisions[0]} or {revisions[1]}");
            }

            var a = DiffSide.FromPath(console, before.Root, before.Show, $"{revisions[0]}:{path}");
            var b = a is null ? null : DiffSide.FromPath(console, after.Root, after.Show, $"{revisions[1]}:{path}");
            return a is null || b is null ? ExitCodes.Usage : Report(console, request, a, b, null);
        }

        if (request.Dates is { } days)
        {
            if (request.Sides.Length != 1)
            {
                return Usage(console, "with --dates give one rule set id");
            }

            var catalog = LoadRules(console, request.Rules);
            var id = request.Sides[0];
            var a = catalog is null ? null : DiffSide.InForce(console, catalog, id, days[0]);
            var b = a is null ? null : DiffSide.InForce(console, catalog!, id, days[1]);
            return a is null || b is null
                ? ExitCodes.Usage
                : Report(console, request, DiffSide.FromVersion(catalog!, a, $"{id}@{a.Version} (in force {days[0]})"), DiffSide.FromVersion(catalog!, b, $"{id}@{b.Version} (in force {days[1]})"), catalog);
        }

        if (request.Sides.Length != 2)
        {
            return Usage(console, "give two rule files or folders, ID@V1 ID@V2, ID --dates D1 D2, or --git REV1 REV2");
        }

        return Paths(console, request) ?? Versions(console, request);
    }

    /// <summary>Two existing files or folders; null when the sides are not both paths.</summary>
    private static int? Paths(CliConsole console, DiffRequest request)
    {
        var exists = request.Sides.Select(s => File.Exists(s) || Directory.Exists(s)).ToArray();
        if (!exists.All(e => e))
        {
            var missing = request.Sides.Where((s, i) => !exists[i] && !s.Contains('@', StringComparison.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                return Usage(console, $"no file or folder '{missing[0]}'");
            }

            return null;
        }

        // Note: a side is composed against the rules folder, so one file of a contractor (or a template) is compared
        // as it would be in place there.
        var context = Directory.Exists(request.Rules) ? request.Rules : null;
        var a = DiffSide.FromPath(console, request.Sides[0], buildingOn: context);
        var b = a is null ? null : DiffSide.FromPath(console, request.Sides[1], buildingOn: context);
        return a is null || b is null ? ExitCodes.Usage : Report(console, request, a, b, null);
    }

    /// <summary><c>ID@V1 ID@V2</c> in the rules folder.</summary>
    private static int Versions(CliConsole console, DiffRequest request)
    {
        var catalog = LoadRules(console, request.Rules);
        var a = catalog is null ? null : DiffSide.FindVersion(console, catalog, request.Sides[0]);
        var b = a is null ? null : DiffSide.FindVersion(console, catalog!, request.Sides[1]);
        return a is null || b is null
            ? ExitCodes.Usage
            : Report(console, request, DiffSide.FromVersion(catalog!, a, request.Sides[0]), DiffSide.FromVersion(catalog!, b, request.Sides[1]), catalog);
    }

    private static int Report(CliConsole console, DiffRequest request, DiffSide before, DiffSide after, RuleCatalog? rules)
    {
        var changes = Compare(before, after, request.Tests);
        if (request.Encounters is not { } file)
        {
            switch (request.Format)
            {
                case "json":
                    DiffFormatter.WriteJson(console.OutputStream, changes);
                    break;
                case "markdown":
                    DiffFormatter.WriteMarkdown(console.Out, changes, before.Label, after.Label);
                    break;
                default:
                    DiffFormatter.WriteText(console.Out, changes);
                    break;
            }

            return changes.IsEmpty ? ExitCodes.Ok : ExitCodes.Problems;
        }

        if ((before.OneVersion || after.OneVersion) && rules is null)
        {
            rules = RuleLoading.LoadOrReport(console, request.Rules);
            if (rules is null)
            {
                return ExitCodes.Usage;
            }
        }

        ImmutableArray<RuleSet>? baseRules = rules?.RuleSets;
        using var input = file == "-" ? console.Input : File.OpenRead(file);
        var (was, now) = (before.ForReplay(() => baseRules!.Value), after.ForReplay(() => baseRules!.Value));
        // Note: the report is written as the replay runs (each changed encounter to a temporary file, copied in after
        // the totals), so memory stays the same however many encounters the file holds or change.
        ImpactSummary Replay(ImpactSink sink) => ImpactReplay.Run(was, now, input, sink, request.AllDates);
        var impact = request.Format switch
        {
            "json" => DiffFormatter.WriteJson(console.OutputStream, changes, Replay),
            "markdown" => DiffFormatter.WriteMarkdown(console.Out, changes, before.Label, after.Label, Replay),
            _ => DiffFormatter.WriteText(console.Out, changes, Replay),
        };
        return changes.IsEmpty && impact.ChangedEncounters == 0 ? ExitCodes.Ok : ExitCodes.Problems;
    }

    /// <summary>
    /// Two versions of one rule set are compared as a version and its successor (with the tests written beside
    /// each); anything else version by version, matched by rule set id and version label.
    /// </summary>
    private static ImmutableArray<RuleChange> Compare(DiffSide before, DiffSide after, bool tests)
    {
        // Note: the test suites of two different versions are different suites (cases named after each version's
        // rules); listing every case as removed or added would bury the rule changes, so they are compared only
        // between two copies of the same version (e.g. one file edited).
        // With --tests they are compared anyway, case by case by name: what the next version's suite tests differently.
        var changes = before.OneVersion && after.OneVersion && before.RuleSets[0].Id == after.RuleSets[0].Id
            ? before.RuleSets[0].Version == after.RuleSets[0].Version || tests
                ? [.. RuleDiff.CompareVersions(before.RuleSets[0], after.RuleSets[0]), .. RuleDiff.Compare([], [], before.Tests, after.Tests)]
                : RuleDiff.CompareVersions(before.RuleSets[0], after.RuleSets[0])
            : RuleDiff.Compare(before.RuleSets, after.RuleSets, before.Tests, after.Tests);
        return [.. changes.Select(c => c with
        {
            BeforeLocation = c.BeforeLocation is { } b ? b with { Path = before.Show(b.Path) } : null,
            AfterLocation = c.AfterLocation is { } a ? a with { Path = after.Show(a.Path) } : null,
        })];
    }

    private static RuleCatalog? LoadRules(CliConsole console, string rules)
    {
        var (catalog, diagnostics) = RuleCatalog.Load([rules], includeTests: true, SchemaCheckCache.FromEnvironment());
        return DiffSide.HasErrors(console, diagnostics, rules) ? null : catalog;
    }

    private static int Usage(CliConsole console, string message)
    {
        console.Error.WriteLine($"codingrules: {message}");
        console.Error.WriteLine("Try 'codingrules diff --help'.");
        return ExitCodes.Usage;
    }

    private sealed record DiffRequest(string[] Sides, string Format, string Rules, string[]? Dates, string[]? Git, string? Encounters)
    {
        /// <summary>Replay every encounter, not only those dated where the sides differ.</summary>
        public bool AllDates { get; init; }

        /// <summary>Compare the test cases beside two versions of one rule set too (by case name).</summary>
        public bool Tests { get; init; }
    }
}
