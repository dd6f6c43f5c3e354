using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CodingRules.Catalog;
using CodingRules.Encounters;
using CodingRules.Results;

namespace CodingRules.Benchmarks;

/// <summary>
/// End to end as the CLI's <c>evaluate</c> does it: NDJSON bytes in → split into records → read each record →
/// evaluate → write each result as one NDJSON line. Times are per encounter (10,000 records per invocation). The
/// output goes to a reused in-memory stream, so no disk or console time is included.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class NdjsonBenchmarks
{
    private RuleCatalog _catalog = RuleCatalog.Empty;
    private byte[] _ndjson = [];
    private MemoryStream _output = new();
    private Utf8JsonWriter _writer = new(Stream.Null);

    [GlobalSetup]
    public void Setup()
    {
        _catalog = BenchmarkSetup.LoadShippedCatalog();
        var encounters = SyntheticEncounters.Create();
        _ndjson = SyntheticEncounters.ToNdjson(encounters);
        _output = new MemoryStream(_ndjson.Length * 4);

        // Same options as the CLI's JSON output.
        _writer = new Utf8JsonWriter(_output, CodingRules.Text.JsonOutput.Options(skipValidation: true));

        // The records must read back as the encounters they were written from, and code the same.
        var records = 0;
        using var input = new MemoryStream(_ndjson, writable: false);
        foreach (var record in RecordReader.ReadRecords(input))
        {
            var fromJson = _catalog.Evaluate(record.Utf8.Span);
            var inMemory = _catalog.Evaluate(encounters[records++]);
            if (fromJson.IsError || !fromJson.Lines.Select(l => l.ToString()).SequenceEqual(inMemory.Lines.Select(l => l.ToString())))
            {
                throw new InvalidOperationException($"Record {records} does not code as its encounter: {string.Join(", ", fromJson.Errors)}");
            }
        }

        if (records != SyntheticEncounters.Count)
        {
            throw new InvalidOperationException($"Read {records} records, expected {SyntheticEncounters.Count}.");
        }

        Console.WriteLine($"// NDJSON input: {_ndjson.Length:N0} bytes, {_ndjson.Length / records} bytes per record");

        // The batched paths must write the bytes of the record-by-record one.
        _ = RecordReaderToNdjson();
        var expected = _output.ToArray();
        foreach (var threads in new[] { 1, Environment.ProcessorCount })
        {
            _ = Batches(threads);
            if (!_output.ToArray().AsSpan().SequenceEqual(expected))
            {
                throw new InvalidOperationException($"The batched output on {threads} thread(s) differs from the record-by-record output.");
            }
        }

        // Note: the first passes run on unoptimised (tier-0) code and are several times slower; left to the pilot
        // stage, they make it choose iterations of under 100 ms. A few passes here let the JIT tier up first.
        for (var i = 0; i < 5; i++)
        {
            _ = RecordReaderToNdjson();
            _ = LineSplitToNdjson();
            _ = Batches(1);
            _ = Batches(Environment.ProcessorCount);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.Dispose();
        _output.Dispose();
    }

    /// <summary>The product path: <see cref="RecordReader"/> (layout detection, a copy per record) and the catalog.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = SyntheticEncounters.Count)]
    public long RecordReaderToNdjson()
    {
        _output.SetLength(0);
        using var input = new MemoryStream(_ndjson, writable: false);
        foreach (var record in RecordReader.ReadRecords(input))
        {
            WriteResult(_catalog.Evaluate(record.Utf8.Span));
        }

        return _output.Length;
    }

    /// <summary>
    /// The path <c>codingrules evaluate</c> runs since issue 12: <see cref="NdjsonEvaluation"/>, records in batches of
    /// 256 over one thread (the ratio to the baseline is what batching and pooled buffers alone give).
    /// </summary>
    [Benchmark(OperationsPerInvoke = SyntheticEncounters.Count)]
    public long BatchesOneThread() => Batches(1);

    /// <summary>The same over every core of the machine (the CLI's default).</summary>
    [Benchmark(OperationsPerInvoke = SyntheticEncounters.Count)]
    public long BatchesAllCores() => Batches(Environment.ProcessorCount);

    /// <summary>The same with the input split on '\n' in place (no record copies), to show what the reader costs.</summary>
    [Benchmark(OperationsPerInvoke = SyntheticEncounters.Count)]
    public long LineSplitToNdjson()
    {
        _output.SetLength(0);
        var rest = _ndjson.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (!line.IsEmpty)
            {
                WriteResult(_catalog.Evaluate(line));
            }
        }

        return _output.Length;
    }

    private long Batches(int threads)
    {
        _output.SetLength(0);
        using var input = new MemoryStream(_ndjson, writable: false);
        NdjsonEvaluation.Write(_catalog, RecordReader.ReadRecords(input), _output, new Evaluation.OrderedBatches.Limits(threads, 256, 1 << 20));
        return _output.Length;
    }

    private void WriteResult(EvaluationResult result)
    {
        ResultJsonWriter.Write(_writer, result);
        _writer.Flush();
        _writer.Reset();
        _output.WriteByte((byte)'\n');
    }
}
