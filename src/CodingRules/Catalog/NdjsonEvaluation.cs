using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using CodingRules.Encounters;
using CodingRules.Evaluation;
using CodingRules.Results;

namespace CodingRules.Catalog;

/// <summary>
/// Evaluates a stream of records and writes one NDJSON result line per record, in input order, over the cores: the
/// path of <c>codingrules evaluate</c> (and of any host that streams batches). The bytes are the same whatever the
/// limits: each result is written by <see cref="ResultJsonWriter"/> with <see cref="Text.JsonOutput"/>'s options.
/// </summary>
/// <remarks>
/// Each batch is serialised into a buffer taken from a pool (reused once written, so a run allocates a few buffers,
/// not one per record) and written to the output in one call, then the output is flushed. Memory is bounded by
/// <see cref="OrderedBatches"/>: at most <c>2 x threads + 2</c> batches of records and of results at once.
/// </remarks>
public static class NdjsonEvaluation
{
    /// <summary>Writes the result of each of <paramref name="records"/> to <paramref name="output"/>; true when some record was not a valid encounter.</summary>
    /// <param name="catalog">The rules.</param>
    /// <param name="records">The records, as <see cref="RecordReader"/> reads them.</param>
    /// <param name="output">Where the NDJSON goes; written once per batch and flushed after each.</param>
    /// <param name="limits">Batch size and threads (a batch of one record writes each result as soon as it is made).</param>
    /// <param name="explain">Each result carries its trace as an <c>explain</c> array.</param>
    /// <param name="revision">When given, each result names it as its <c>revision</c> (the service's catalog revision).</param>
    /// <param name="observe">
    /// When given, sees each record with its result as it is made, on the thread that made it (so it must be
    /// thread-safe), not in input order: a host's metrics and decision log.
    /// </param>
    public static bool Write(RuleCatalog catalog, IEnumerable<InputRecord> records, Stream output, OrderedBatches.Limits limits, bool explain = false, string? revision = null, Action<InputRecord, EvaluationResult>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(output);
        var invalid = false;
        var pool = new ConcurrentBag<Batch>();
        OrderedBatches.Run(records, limits, r => r.Utf8.Length, batch =>
        {
            var into = pool.TryTake(out var reused) ? reused : new Batch();
            into.Invalid = false;
            foreach (var record in batch)
            {
                var trace = explain ? new EvaluationTrace() : null;
                var result = catalog.Evaluate(record.Utf8.Span, trace);
                into.Invalid |= result.IsError;
                observe?.Invoke(record, result);
                ResultJsonWriter.Write(into.Json, result, trace is null && revision is null ? null : w => More(w, trace, revision));
                into.Json.Flush(); // into the buffer: no write call
                into.Buffer.GetSpan(1)[0] = (byte)'\n';
                into.Buffer.Advance(1);
                into.Json.Reset(into.Buffer);
            }

            return into;
        }, done =>
        {
            invalid |= done.Invalid;
            output.Write(done.Buffer.WrittenSpan);
            output.Flush();
            done.Buffer.ResetWrittenCount();
            pool.Add(done);
        });
        return invalid;
    }

    /// <summary>The properties a result gets after its own: its trace, then the revision that produced it.</summary>
    public static void More(Utf8JsonWriter writer, EvaluationTrace? trace, string? revision)
    {
        if (trace is not null)
        {
            writer.WritePropertyName("explain"u8);
            trace.WriteJson(writer);
        }

        if (revision is not null)
        {
            writer.WriteString("revision"u8, revision);
        }
    }

    /// <summary>A batch's serialised results: one buffer and its JSON writer, reused from batch to batch.</summary>
    private sealed class Batch
    {
        public Batch() => Json = new Utf8JsonWriter(Buffer, Text.JsonOutput.Options(skipValidation: true));

        public ArrayBufferWriter<byte> Buffer { get; } = new(1 << 16);

        public Utf8JsonWriter Json { get; }

        public bool Invalid { get; set; }
    }
}
