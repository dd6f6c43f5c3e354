using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using CodingRules.Catalog;
using CodingRules.Diff;
using CodingRules.Encounters;
using CodingRules.Model;
using CodingRules.Results;
using CodingRules.Tests.Cli;

namespace CodingRules.Tests.Diff;

/// <summary>
/// Impact replay streams its report: the bytes are those of the report kept in memory (and of the build before
/// streaming, kept as golden files), the records in flight are bounded whatever the input's size, each record is read
/// once, and the temporary files the report waits in are gone however the replay ends.
/// </summary>
public sealed class ImpactStreamingTests
{
    private const string Destruction = "cpt-facet-joint-destruction";

    private static readonly Lazy<RuleCatalog> Shipped = new(() => RuleCatalog.Load([Path.Combine(RepositoryRoot.Path, "rules")], includeTests: false).Catalog);

    [Theory]
    [InlineData("text")]
    [InlineData("markdown")]
    [InlineData("json")]
    public void TheStreamedReportIsByteIdenticalToTheReportKeptInMemory(string format)
    {
        var (before, after, changes) = Sides("2000-01", "2012-01");
        var sample = File.ReadAllBytes(EncounterSample.FilePath);
        var report = ImpactReplay.Run(before, after, new MemoryStream(sample));

        var inMemory = Write(format, changes, report, null);
        ImpactSummary? streamed = null;
        var written = Write(format, changes, null, sink => streamed = ImpactReplay.Run(before, after, new MemoryStream(sample), sink));

        // The sample has changed encounters and invalid records, so every part of the section is written.
        Assert.InRange(report.Changed.Length, 100, EncounterSample.Count - 100);
        Assert.Equal(2, report.Skipped.Length);
        SameTotals(report.Summarize(), streamed);
        Assert.True(inMemory.AsSpan().SequenceEqual(written), $"{format}: {inMemory.Length} bytes in memory, {written.Length} streamed");
    }

    /// <summary>
    /// The golden files were written by the build before the report was streamed (commit 4c4e34e), from 60 encounters
    /// of the sample and its two invalid records.
    /// </summary>
    [Theory]
    [InlineData("text", "txt")]
    [InlineData("markdown", "md")]
    [InlineData("json", "json")]
    public void TheCliReportIsTheOneTheBuildBeforeStreamingWrote(string format, string extension)
    {
        using var folder = new TempFolder();
        var lines = File.ReadAllLines(EncounterSample.FilePath);
        var corpus = folder.Write("corpus.ndjson", string.Concat(lines.Take(60).Append(lines[416]).Append(lines[832]).Select(l => l + "\n")));

        var run = CliProcess.Run(null, "diff", $"{Destruction}@2000-01", $"{Destruction}@2012-01", "--rules", "rules", "--format", format, "--encounters", corpus);

        Assert.True(run.ExitCode == 1, run.ToString());
        DiffGolden.Check(Path.Combine(DiffGolden.Folder, $"{Destruction}-2000-01-to-2012-01.replay.{extension}"), run.Out);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("markdown")]
    [InlineData("json")]
    public void TheSpillFilesAreGoneOnceTheReportIsWrittenAndWhenTheReplayFails(string format)
    {
        var (before, after, changes) = Sides("2000-01", "2012-01");
        var sample = File.ReadAllBytes(EncounterSample.FilePath);
        var first = ImpactReplay.Run(before, after, new MemoryStream(sample)).Changed[0];
        using var folder = new TempFolder();
        ImpactSpill Spill() => ImpactSpill.InTemporaryFile(folder.Path);
        var openDuringReplay = new List<string>();

        var output = new MemoryStream();
        var summary = WriteInternal(format, output, changes, Spill, sink =>
        {
            var result = ImpactReplay.Run(before, after, new MemoryStream(sample), sink);
            openDuringReplay.AddRange(Directory.GetFiles(folder.Path));
            return result;
        });
        Assert.True(summary.ChangedEncounters > 0 && output.Length > 0);
        Assert.Empty(Directory.GetFiles(folder.Path));

        var failed = new MemoryStream();
        var spilled = new List<string>();
        var e = Assert.Throws<IOException>(() => WriteInternal(format, failed, changes, Spill, sink =>
        {
            sink.OnChanged(first);
            spilled.AddRange(OpenFilesIn(folder.Path));
            throw new IOException("the input went away");
        }));
        Assert.Equal("the input went away", e.Message);
        Assert.Empty(Directory.GetFiles(folder.Path));
        Assert.Equal(0, failed.Length);
        if (OperatingSystem.IsLinux())
        {
            // Two spills, in the folder given, open but already unlinked: nothing is left even if the process is killed.
            Assert.Equal(2, spilled.Count);
            Assert.All(spilled, f => Assert.EndsWith(" (deleted)", f, StringComparison.Ordinal));
            Assert.Empty(openDuringReplay);
        }
    }

    [Fact]
    public async Task TheCliLeavesNoTemporaryFileWhenItEndsOrIsKilledDuringTheReplay()
    {
        using var temp = new TempFolder();
        var done = Start(temp.Path, "--format", "json", "--encounters", EncounterSample.FilePath);
        done.StandardInput.Close();
        var output = new MemoryStream();
        await done.StandardOutput.BaseStream.CopyToAsync(output);
        Assert.True(done.WaitForExit(60_000));
        Assert.Equal(1, done.ExitCode);
        Assert.True(output.Length > 100_000);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
        done.Dispose();

        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Reading standard input that never ends: the replay is under way, its spills open (and unlinked), when killed.
        using var killed = Start(temp.Path, "--encounters", "-");
        _ = killed.StandardOutput.ReadToEndAsync();
        var sample = await File.ReadAllTextAsync(EncounterSample.FilePath);
        await killed.StandardInput.WriteAsync(sample);
        await killed.StandardInput.FlushAsync();
        var spills = new List<string>();
        var wait = Stopwatch.StartNew();
        while (spills.Count < 2 && wait.Elapsed < TimeSpan.FromSeconds(60) && !killed.HasExited)
        {
            await Task.Delay(50);
            spills = OpenFilesIn(temp.Path, killed.Id);
        }

        killed.Kill(entireProcessTree: true);
        await killed.WaitForExitAsync();
        Assert.Equal(2, spills.Count);
        Assert.All(spills, f => Assert.EndsWith(" (deleted)", f, StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void TheRecordsInFlightAreBoundedWhateverTheInputSizeAndComeBackInOrder()
    {
        const int Records = 40_000;
        var pulled = 0;
        var reported = new List<int>(Records);
        var most = 0;
        IEnumerable<InputRecord> Input()
        {
            for (var i = 1; i <= Records; i++)
            {
                pulled++;
                yield return new InputRecord(i, i, "{}"u8.ToArray());
            }
        }

        ImpactPipeline.Run(
            Input(),
            record =>
            {
                // Uneven work, so that later batches are often done before earlier ones.
                Thread.SpinWait((record.Number * 7919 % 13) * 200);
                return record.Number;
            },
            number =>
            {
                // A reader slower than the workers (a report that writes much): they must not run ahead of it.
                Thread.SpinWait(2000);
                reported.Add(number);
                most = Math.Max(most, pulled - reported.Count);
            });

        Assert.Equal(Enumerable.Range(1, Records), reported);
        Assert.InRange(most, 1, (ImpactPipeline.MaxBatchesInFlight + 1) * ImpactPipeline.BatchRecords);
    }

    [Fact]
    public void EachRecordIsReadOnceFromAStreamThatCannotSeek()
    {
        var (before, after, _) = Sides("2000-01", "2012-01");
        var sample = File.ReadAllBytes(EncounterSample.FilePath);
        var expected = ImpactReplay.Run(before, after, new MemoryStream(sample));
        using var input = new ForwardOnlyStream(sample);
        var sink = new CountingSink();

        var summary = ImpactReplay.Run(before, after, input, sink);

        Assert.Equal(sample.Length, input.BytesRead);
        Assert.Equal(EncounterSample.Count, summary.EncountersRead);
        Assert.Equal(expected.Changed.Select(c => c.Record), sink.Changed);
        Assert.Equal(expected.Skipped.Select(s => s.Record), sink.Skipped);
        SameTotals(expected.Summarize(), summary);
    }

    [Fact]
    public void AnExceptionFromTheSinkEndsTheReplayAndIsThrownToTheCaller()
    {
        var (before, after, _) = Sides("2000-01", "2012-01");
        var sink = new CountingSink { FailAt = 10 };

        var e = Assert.Throws<InvalidOperationException>(() => ImpactReplay.Run(before, after, File.OpenRead(EncounterSample.FilePath), sink));

        Assert.Equal("the sink is full", e.Message);
        Assert.Equal(10, sink.Changed.Count);
    }

    [Fact]
    public void AnOutcomeIsTheLinesAndFindingsAsMultisetsWhateverTheirOrderAndMessages()
    {
        static CodedLine Line(string code, int units, params string[] modifiers) => new(code, [.. modifiers], units, [], "family");
        static Finding Found(string id, FindingSeverity severity, string message) => new(id, severity, "coverage", message, "rs", "v1", "check", null);
        static EvaluationResult Result(CodedLine[] lines, Finding[] findings) => new("E-1", new DateOnly(2024, 1, 1), [], [.. lines], [.. findings], []);
        var a = Result([Line("A1", 1, "M1"), Line("A2", 2)], [Found("F-1", FindingSeverity.Warning, "in version 1")]);

        Assert.True(ImpactReplay.SameOutcome(a, Result([Line("A1", 1, "M1"), Line("A2", 2)], [Found("F-1", FindingSeverity.Warning, "in version 2")])));
        Assert.True(ImpactReplay.SameOutcome(a, Result([Line("A2", 2), Line("A1", 1, "M1")], [Found("F-1", FindingSeverity.Warning, "in version 1")])));
        Assert.False(ImpactReplay.SameOutcome(a, Result([Line("A1", 1, "M1"), Line("A2", 3)], [Found("F-1", FindingSeverity.Warning, "in version 1")])));
        Assert.False(ImpactReplay.SameOutcome(a, Result([Line("A1", 1, "M2"), Line("A2", 2)], [Found("F-1", FindingSeverity.Warning, "in version 1")])));
        Assert.False(ImpactReplay.SameOutcome(a, Result([Line("A1", 1, "M1"), Line("A2", 2)], [Found("F-1", FindingSeverity.Error, "in version 1")])));
        Assert.False(ImpactReplay.SameOutcome(a, Result([Line("A1", 1, "M1"), Line("A2", 2), Line("A2", 2)], [Found("F-1", FindingSeverity.Warning, "in version 1")])));
        Assert.False(ImpactReplay.SameOutcome(a, Result([Line("A1", 1, "M1"), Line("A2", 2)], [])));
    }

    /// <summary>The shipped rules with one version of the destruction codes in force on every date on each side, as the CLI builds them.</summary>
    private static (ImmutableArray<RuleSet> Before, ImmutableArray<RuleSet> After, ImmutableArray<RuleChange> Changes) Sides(string before, string after)
    {
        var all = Shipped.Value.RuleSets;
        var a = all.Single(r => r.Id == Destruction && r.Version == before);
        var b = all.Single(r => r.Id == Destruction && r.Version == after);
        ImmutableArray<RuleSet> Side(RuleSet version) =>
            [.. all.Where(r => r.Id != Destruction), version with { Effective = new EffectivePeriod(DateOnly.MinValue, null), UntilDerived = false }];
        return (Side(a), Side(b), RuleDiff.CompareVersions(a, b));
    }

    private static byte[] Write(string format, ImmutableArray<RuleChange> changes, ImpactReport? report, Func<ImpactSink, ImpactSummary>? replay)
    {
        var output = new MemoryStream();
        if (format == "json")
        {
            if (replay is null)
            {
                DiffFormatter.WriteJson(output, changes, report);
            }
            else
            {
                _ = DiffFormatter.WriteJson(output, changes, replay);
            }

            return output.ToArray();
        }

        using (var text = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true))
        {
            if (replay is not null)
            {
                _ = format == "text" ? DiffFormatter.WriteText(text, changes, replay) : DiffFormatter.WriteMarkdown(text, changes, "before", "after", replay);
            }
            else if (format == "text")
            {
                DiffFormatter.WriteText(text, changes, report);
            }
            else
            {
                DiffFormatter.WriteMarkdown(text, changes, "before", "after", report);
            }
        }

        return output.ToArray();
    }

    private static ImpactSummary WriteInternal(string format, Stream output, ImmutableArray<RuleChange> changes, Func<ImpactSpill> spill, Func<ImpactSink, ImpactSummary> replay)
    {
        if (format == "json")
        {
            return DiffFormatter.WriteJson(output, changes, replay, spill);
        }

        using var text = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        return format == "text"
            ? DiffFormatter.WriteText(text, changes, replay, spill)
            : DiffFormatter.WriteMarkdown(text, changes, "before", "after", replay, spill);
    }

    private static void SameTotals(ImpactSummary expected, ImpactSummary? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { ByCode = [], ByFinding = [], ChangedPeriods = [] }, actual with { ByCode = [], ByFinding = [], ChangedPeriods = [] });
        Assert.Equal(expected.ByCode.ToArray(), actual.ByCode.ToArray());
        Assert.Equal(expected.ByFinding.ToArray(), actual.ByFinding.ToArray());
        Assert.Equal(expected.ChangedPeriods.ToArray(), actual.ChangedPeriods.ToArray());
        Assert.NotEmpty(actual.ByCode);
    }

    /// <summary>The files a process has open in <paramref name="folder"/>, as Linux names them (" (deleted)" once unlinked).</summary>
    private static List<string> OpenFilesIn(string folder, int? process = null)
    {
        var found = new List<string>();
        var fds = $"/proc/{(process is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "self")}/fd";
        if (!Directory.Exists(fds))
        {
            return found;
        }

        foreach (var fd in Directory.EnumerateFiles(fds))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith(folder + "/", StringComparison.Ordinal))
                {
                    found.Add(target);
                }
            }
            catch (IOException)
            {
                // closed while listed
            }
        }

        return found;
    }

    private static Process Start(string temp, params string[] options)
    {
        var start = CliProcess.StartInfo(RepositoryRoot.Path, ["diff", $"{Destruction}@2000-01", $"{Destruction}@2012-01", "--rules", "rules", .. options]);
        start.Environment["TMPDIR"] = temp;
        start.Environment["TMP"] = temp;
        start.Environment["TEMP"] = temp;
        // The runtime's diagnostics socket would be made in the temporary folder too (and outlive a killed process).
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    [Fact]
    public void ASinkThatReadsNoMessagesGetsTheSameRecordsAndOutcomesWithTheMessagesLeftUnworded()
    {
        var (before, after, _) = Sides("2000-01", "2012-01");
        var worded = ImpactReplay.Run(before, after, File.OpenRead(EncounterSample.FilePath));
        var sink = new CountingSink { Messages = false };

        var summary = ImpactReplay.Run(before, after, File.OpenRead(EncounterSample.FilePath), sink);

        Assert.NotEmpty(sink.Encounters);
        Assert.Equal(worded.Changed.Select(c => c.Record), sink.Changed);
        SameTotals(worded.Summarize(), summary);
        var findings = sink.Encounters.SelectMany(e => e.Before.Findings.Concat(e.After.Findings)).ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(string.Empty, f.Message));
        Assert.Contains(worded.Changed.SelectMany(e => e.Before.Findings.Concat(e.After.Findings)), f => f.Message.Length > 0);
        Assert.Equal(
            worded.Changed.Select(e => Keys(e.Before) + " -> " + Keys(e.After)),
            sink.Encounters.Select(e => Keys(e.Before) + " -> " + Keys(e.After)));

        static string Keys(Results.EvaluationResult r) =>
            string.Join(", ", r.Lines.Select(l => l.ToString()).Concat(r.Findings.Select(ImpactReplay.FindingKey)));
    }

    private sealed class CountingSink : ImpactSink
    {
        public bool Messages { get; init; } = true;

        public override bool NeedsMessages => Messages;

        public List<ImpactedEncounter> Encounters { get; } = [];

        public List<int> Changed { get; } = [];

        public List<int> Skipped { get; } = [];

        public int FailAt { get; init; } = int.MaxValue;

        public override void OnChanged(ImpactedEncounter encounter)
        {
            if (Changed.Count == FailAt)
            {
                throw new InvalidOperationException("the sink is full");
            }

            Changed.Add(encounter.Record);
            Encounters.Add(encounter);
        }

        public override void OnSkipped(ImpactSkippedRecord record) => Skipped.Add(record.Record);
    }

    /// <summary>A stream read once from start to end: it cannot seek, and it counts the bytes it gives.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private int _position;

        public long BytesRead => _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            // A little at a time, as a pipe gives it.
            var n = Math.Min(Math.Min(count, 4096), bytes.Length - _position);
            bytes.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
