using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CodingRules.Catalog;
using CodingRules.Encounters;
using CodingRules.Evaluation;
using CodingRules.Model;
using CodingRules.Results;

namespace CodingRules.Benchmarks;

/// <summary>
/// The stages of evaluation and of the NDJSON path timed one by one over the same 10,000 encounters, so that
/// docs/performance.md can name where the time and the allocations go. Ratios are to one whole evaluation.
/// </summary>
/// <remarks>
/// Resolving joints and coding lines are internal to the engine (CodingRules.csproj makes its internals visible to
/// this project); when they are refactored, these two benchmarks follow.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class StageBenchmarks
{
    private RuleCatalog _catalog = RuleCatalog.Empty;
    private RuleSet? _ruleSet;
    private Encounter[] _encounters = [];
    private ProcedureFacts[] _procedures = [];
    private readonly CodingRules.Language.Plan.EvaluationFrame _frame = new(8);
    private EvaluationResult[] _results = [];
    private byte[] _ndjson = [];
    private ReadOnlyMemory<byte>[] _records = [];
    private readonly List<CodedLine> _lines = [];
    private readonly MemoryStream _output = new();
    private Utf8JsonWriter _writer = new(Stream.Null);

    [GlobalSetup]
    public void Setup()
    {
        _catalog = BenchmarkSetup.LoadShippedCatalog();
        // The version in force for the synthetic dates of service (2024-2025).
        _ruleSet = _catalog.RuleSets.Single(r => r.Kind == "coding" && r.Handles.Contains(SyntheticEncounters.ProcedureKind) && r.Effective.Contains(new DateOnly(2024, 1, 1)));
        _encounters = SyntheticEncounters.Create();
        _procedures = [.. _encounters.Select(e => ProcedureResolver.Resolve(e.Procedures[0], _ruleSet))];
        _results = [.. _encounters.Select(e => _catalog.Evaluate(e))];
        _ndjson = SyntheticEncounters.ToNdjson(_encounters);
        using var input = new MemoryStream(_ndjson, writable: false);
        _records = [.. RecordReader.ReadRecords(input).Select(r => r.Utf8)];
        _writer = new Utf8JsonWriter(_output, CodingRules.Text.JsonOutput.Options(skipValidation: true));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.Dispose();
        _output.Dispose();
    }

    /// <summary>All of <see cref="RuleCatalog.Evaluate(Encounter, EvaluationTrace?)"/>, as in EvaluateBenchmarks.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = SyntheticEncounters.Count)]
    public int Evaluate()
    {
        var lines = 0;
        foreach (var encounter in _encounters)
        {
            lines += _catalog.Evaluate(encounter).Lines.Length;
        }

        return lines;
    }

    /// <summary>Splitting bilateral entries, vocabulary look-up and duplicate marking (part of Evaluate).</summary>
    [Benchmark(OperationsPerInvoke = SyntheticEncounters.Count)]
    public int ResolveJoints()
    {
        var joints = 0;
        foreach (var encounter in _encounters)
        {
            joints += JointResolver.Resolve(encounter.Procedures[0].Joints, _ruleSet!).Length;
        }

        return joints;
    }

    /// <summary>Families, ladders and laterality turning resolved joints into lines (part of Evaluate).</summary>
    [Benchmark(OperationsPerInvoke = SyntheticEncounters.Count)]
    public int CodeLines()
    {
        foreach (var procedure in _procedures)
        {
            LineCoder.Code(_ruleSet!, procedure, _frame, _lines, null);
        }

        var count = _lines.Count;
        _lines.Clear();
        return count;
    }

    /// <summary>Splitting the NDJSON input into records (the NDJSON path, not Evaluate).</summary>
    [Benchmark(OperationsPerInvoke = SyntheticEncounters.Count)]
    public int SplitRecords()
    {
        var records = 0;
        using var input = new MemoryStream(_ndjson, writable: false);
        foreach (var record in RecordReader.ReadRecords(input))
        {
            records += record.Utf8.Length > 0 ? 1 : 0;
        }

        return records;
    }

    /// <summary>Reading one JSON record into an encounter (the NDJSON path, not Evaluate).</summary>
    [Benchmark(OperationsPerInvoke = SyntheticEncounters.Count)]
    public int ReadEncounters()
    {
        var valid = 0;
        foreach (var record in _records)
        {
            valid += EncounterReader.Read(record.Span).IsValid ? 1 : 0;
        }

        return valid;
    }

    /// <summary>Writing one result as an NDJSON line (the NDJSON path, not Evaluate).</summary>
    [Benchmark(OperationsPerInvoke = SyntheticEncounters.Count)]
    public long WriteResults()
    {
        _output.SetLength(0);
        foreach (var result in _results)
        {
            ResultJsonWriter.Write(_writer, result);
            _writer.Flush();
            _writer.Reset();
            _output.WriteByte((byte)'\n');
        }

        return _output.Length;
    }
}
