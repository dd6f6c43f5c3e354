using System.CommandLine;
using System.Text.Json;
using CodingRules.Catalog;
using CodingRules.Encounters;
using CodingRules.Evaluation;
using CodingRules.Results;

namespace CodingRules.Cli.Commands;

/// <summary>
/// <c>codingrules evaluate FILE|- [--rules DIR] [--format json|text] [--input guess|ndjson|json] [--explain]</c>: one result per input record,
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
        var command = new Command("evaluate", "Code encounters into claim lines and findings.") { input, rules, format, layout, explain };
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
            return json
                ? WriteJson(console, catalog, records, explaining, interactive: path == "-")
                : WriteText(console, catalog, records, explaining);
        });
        return command;
    }

    /// <summary>
    /// One NDJSON result per record. Results are serialised into one reused buffer and written to standard output in
    /// chunks of about 64 KiB, not flushed per record (a flush is a write call); reading standard input, each result is
    /// written as soon as it is made, so a caller that sends one record and waits gets its answer.
    /// </summary>
    private static int WriteJson(CliConsole console, RuleCatalog catalog, IEnumerable<InputRecord> records, bool explain, bool interactive)
    {
        const int Chunk = 1 << 16;
        var invalid = false;
        var output = console.OutputStream;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(Chunk * 2);
        using var json = new Utf8JsonWriter(buffer, CodingRules.Text.JsonOutput.Options(skipValidation: true));
        foreach (var record in records)
        {
            var trace = explain ? new EvaluationTrace() : null;
            var result = catalog.Evaluate(record.Utf8.Span, trace);
            invalid |= result.IsError;
            ResultJsonWriter.Write(json, result, trace is null ? null : w =>
            {
                w.WritePropertyName("explain"u8);
                trace.WriteJson(w);
            });
            json.Flush(); // into the buffer: no write call
            buffer.GetSpan(1)[0] = (byte)'\n';
            buffer.Advance(1);
            if (interactive || buffer.WrittenCount >= Chunk)
            {
                output.Write(buffer.WrittenSpan);
                if (interactive)
                {
                    output.Flush();
                }

                buffer.ResetWrittenCount();
            }

            json.Reset(buffer);
        }

        output.Write(buffer.WrittenSpan);
        output.Flush();
        return invalid ? ExitCodes.Problems : ExitCodes.Ok;
    }

    private static int WriteText(CliConsole console, RuleCatalog catalog, IEnumerable<InputRecord> records, bool explain)
    {
        var invalid = false;
        foreach (var record in records)
        {
            var trace = explain ? new EvaluationTrace() : null;
            var result = catalog.Evaluate(record.Utf8.Span, trace);
            invalid |= result.IsError;
            var o = console.Out;
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

        return invalid ? ExitCodes.Problems : ExitCodes.Ok;
    }
}
