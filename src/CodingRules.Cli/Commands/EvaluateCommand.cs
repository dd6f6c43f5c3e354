using System.CommandLine;
using CodingRules.Catalog;
using CodingRules.Encounters;
using CodingRules.Evaluation;
using CodingRules.Results;

namespace CodingRules.Cli.Commands;

/// <summary>
/// <c>codingrules evaluate FILE|- [--rules DIR] [--format json|text] [--input guess|ndjson|json] [--explain] [--threads N]</c>: one result per input record,
/// in order. Exit 0 when every record was a valid encounter, 1 when some were not (their results carry the errors),
/// 2 for usage errors or rules that do not load.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console, string defaultRules)
    {
        var input = new Argument<string>("input") { Description = "An encounter JSON file or NDJSON file; '-' reads standard input" };
        var rules = Options.Rules(defaultRules);
        var format = Options.Format("json", "text");
        var layout = Options.Input();
        var explain = new Option<bool>("--explain") { Description = "Print a trace: the rule behind each line and why each check did or did not fire (text; with --format json, an 'explain' array in each result)" };
        var threads = new Option<int?>("--threads", "-j")
        {
            Description = "Evaluate on this many threads (default: the number of processors; 1 reading standard input, where each result is then written as soon as its record is read). The output is the same whatever the number",
            CustomParser = r =>
            {
                if (r.Tokens is [{ Value: var token }] && int.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 256)
                {
                    return n;
                }

                r.AddError("--threads takes a whole number from 1 to 256");
                return null;
            },
        };
        var command = new Command("evaluate", "Code encounters into claim lines and findings.") { input, rules, format, layout, explain, threads };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            if (path != "-" && !File.Exists(path))
            {
                console.Error.WriteLine($"codingrules: no file '{path}'");
                return ExitCodes.Usage;
            }

            var catalog = RuleLoading.LoadOrReport(console, parse.GetValue(rules)!);
            if (catalog is null)
            {
                return ExitCodes.Usage;
            }

            var explaining = parse.GetValue(explain);
            if (explaining)
            {
                console.Error.WriteLine($"codingrules: rules loaded from {Path.GetFullPath(parse.GetValue(rules)!)}");
            }

            // Note: --explain alone reads best as text; with an explicit --format json each result carries its trace.
            var json = parse.GetValue(format) == "json" && (!explaining || parse.GetResult(format) is { Implicit: false });
            using var stream = path == "-" ? console.Input : File.OpenRead(path);
            var records = RecordReader.ReadRecords(stream, Options.Layout(parse.GetValue(layout)!));
            var limits = Batching(interactive: path == "-", parse.GetValue(threads));
            return json
                ? WriteJson(console, catalog, records, explaining, limits)
                : WriteText(console, catalog, records, explaining, limits);
        });
        return command;
    }

    /// <summary>
    /// How records are cut into batches and how many batches are evaluated at once. Reading standard input without
    /// <c>--threads</c>, each result is written as soon as its record is evaluated, so a caller that sends one record
    /// and waits gets its answer; otherwise records go in batches of up to 256 records or 1 MiB over the cores (one
    /// write call per batch).
    /// </summary>
    internal static OrderedBatches.Limits Batching(bool interactive, int? threads) =>
        interactive && threads is null
            ? new(1, 1, long.MaxValue)
            : new(threads ?? Environment.ProcessorCount, 256, 1 << 20);

    /// <summary>One NDJSON result per record, serialised per batch and written in one call (<see cref="NdjsonEvaluation"/>).</summary>
    private static int WriteJson(CliConsole console, RuleCatalog catalog, IEnumerable<InputRecord> records, bool explain, OrderedBatches.Limits limits) =>
        NdjsonEvaluation.Write(catalog, records, console.OutputStream, limits, explain) ? ExitCodes.Problems : ExitCodes.Ok;

    private static int WriteText(CliConsole console, RuleCatalog catalog, IEnumerable<InputRecord> records, bool explain, OrderedBatches.Limits limits)
    {
        var invalid = false;
        OrderedBatches.Run(records, limits, r => r.Utf8.Length, batch =>
        {
            var o = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = console.Out.NewLine };
            var batchInvalid = false;
            foreach (var record in batch)
            {
                var trace = explain ? new EvaluationTrace() : null;
                var result = catalog.Evaluate(record.Utf8.Span, trace);
                batchInvalid |= result.IsError;
                WriteText(o, record, result, trace);
            }

            return (Text: o.ToString(), Invalid: batchInvalid);
        }, done =>
        {
            invalid |= done.Invalid;
            console.Out.Write(done.Text);
            console.Out.Flush();
        });
        return invalid ? ExitCodes.Problems : ExitCodes.Ok;
    }

    private static void WriteText(StringWriter o, InputRecord record, EvaluationResult result, EvaluationTrace? trace)
    {
        o.WriteLine($"encounter {result.EncounterId ?? $"(record {record.Number}, line {record.Line})"}{(result.DateOfService is { } d ? $" on {d:yyyy-MM-dd}" : string.Empty)}");
        foreach (var error in result.Errors.IsDefault ? [] : result.Errors)
        {
            o.WriteLine($"  error {error.Id} at {error.Path}: {error.Message}");
        }

        foreach (var use in result.RuleSets)
        {
            o.WriteLine($"  rule set {use.Id} {use.Version} sha256:{use.Sha256[..12]}");
        }

        if (trace is not null)
        {
            o.WriteLine("  trace:");
            foreach (var line in trace.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                o.WriteLine("    " + line.TrimEnd('\r'));
            }
        }

        foreach (var line in result.Lines)
        {
            o.WriteLine($"  line {line} joints [{string.Join(", ", line.Joints)}] rule {line.Rule}");
        }

        foreach (var f in result.Findings)
        {
            o.WriteLine($"  {f.Severity.ToString().ToLowerInvariant()} {f.Id}: {f.Message}{(f.Source is null ? string.Empty : $" [{f.Source}]")}");
        }
    }
}
