using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Tests.Cli;
using CodingRules.Tests.Diff;

namespace CodingRules.Tests.Security;

/// <summary>
/// Files as an attacker or a hurried editor leaves them: links out of the rules folder, devices, pipes, binary
/// files, files rewritten in place while they are read, and git trees whose paths climb out of the export. Each ends
/// in a located diagnostic, never in a hang, an out-of-memory, an echo of foreign bytes or a silent half rule set.
/// </summary>
public sealed class FileSafetyTests
{
    [Fact]
    public void LinksToDevicesAndToFilesOutsideTheFolderAreReportedAndNotRead()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Note: symbolic links need privileges there; the rule is the same.
        }

        using var folder = new TempFolder();
        using var outside = new TempFolder();
        var secret = outside.Write("secret.yaml", "SECRET_TOKEN: do-not-echo\n");
        folder.Write("policy.yaml", DemoRules.Policy);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "zero.yaml"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "environ.yaml"), "/proc/self/environ");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "secret.yaml"), secret);
        File.CreateSymbolicLink(Path.Combine(folder.Path, "again.yaml"), Path.Combine(folder.Path, "policy.yaml"));

        var (catalog, diagnostics) = RuleCatalog.Load([folder.Path]);

        Assert.Equal(3, diagnostics.Count(d => d.Id == "CR1019"));
        Assert.DoesNotContain(diagnostics, d => d.ToString().Contains("SECRET", StringComparison.Ordinal) || d.Source is not null && d.Source.Content.Contains("SECRET", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Id == "CR4015"); // the link inside the folder is read: the same version twice
        Assert.Single(catalog.RuleSets);
    }

    [Fact]
    public void AConfigMapVolumesHiddenFoldersAreNotReadSoEachFileLoadsOnce()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // The kubelet's layout: the files in a hidden folder per update, "..data" linking to the current one, and a
        // link at the top for each file. Hidden files (an editor's) are not read either.
        using var folder = new TempFolder();
        folder.Write("..2026_12_02_10_00_00.123/policy.yaml", DemoRules.Policy);
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "..data"), "..2026_12_02_10_00_00.123");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "policy.yaml"), "..data/policy.yaml");
        folder.Write(".policy.yaml", "not: [yaml");
        folder.Write(".git/old.yaml", DemoRules.Policy);

        var (catalog, diagnostics) = RuleCatalog.Load([folder.Path]);

        Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var ruleSet = Assert.Single(catalog.RuleSets);
        Assert.Equal(Path.Combine(folder.Path, "policy.yaml"), ruleSet.Location.Path);
    }

    [Fact]
    public void APipeADeviceAndAProcFileNamedDirectlyAreNotOpened()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var folder = new TempFolder();
        var fifo = Path.Combine(folder.Path, "pipe.yaml");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        var watch = Stopwatch.StartNew();
        var (_, diagnostics) = RuleCatalog.Load([fifo, "/dev/zero", "/proc/self/environ"]);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "a special file was opened");
        Assert.Equal(3, diagnostics.Count(d => d.Id == "CR1016"));
        Assert.All(diagnostics, d => Assert.Null(d.Source));
    }

    [Theory]
    [InlineData(new byte[] { 0x72, 0x75, 0x6C, 0x65, 0x53, 0x65, 0x74, 0x3A, 0x20, 0x61, 0x00, 0x62, 0x0A }, "NUL byte (offset 10)")]
    [InlineData(new byte[] { 0x72, 0x75, 0x6C, 0x65, 0x53, 0x65, 0x74, 0x3A, 0x20, 0xFF, 0xFE, 0x0A }, "not UTF-8 (byte 0xFF at offset 9)")]
    public void ABinaryFileIsNotReadAndNotEchoed(byte[] bytes, string reason)
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "binary.yaml");
        File.WriteAllBytes(file, bytes);

        var diagnostic = Assert.Single(RuleCatalog.Load([file]).Diagnostics);

        Assert.Equal("CR1017", diagnostic.Id);
        Assert.Contains(reason, diagnostic.Message, StringComparison.Ordinal);
        Assert.Null(diagnostic.Source);
    }

    [Fact]
    public void AFileWithAByteOrderMarkIsRead()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "bom.yaml");
        File.WriteAllBytes(file, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(DemoRules.Policy)]);

        var (catalog, diagnostics) = RuleCatalog.Load([file]);

        Assert.Empty(diagnostics);
        Assert.Single(catalog.RuleSets);
    }

    /// <summary>
    /// A writer rewrites a policy file in place, again and again, switching between two versions and pausing half-way
    /// through each write; 1,000 loads each give the old rule set, the new one, or a diagnostic, never a rule set
    /// with a part missing.
    /// </summary>
    [Fact]
    public async Task LoadsDuringInPlaceRewritesGiveTheOldOrTheNewRuleSetOrADiagnostic()
    {
        using var folder = new TempFolder();
        var file = folder.Write("policy.yaml", DemoRules.Policy);
        var old = Encoding.UTF8.GetBytes(DemoRules.Policy);
        var changed = Encoding.UTF8.GetBytes(DemoRules.Policy.Replace("severity: warning", "severity: error", StringComparison.Ordinal) + "  - id: two-joints\n    finding: C-TWO\n    severity: info\n    category: coverage\n    when: count(procedure.joints) == 2\n    message: Two joints.\n");
        var hashes = new[] { old, changed }.Select(b =>
        {
            using var one = new TempFolder();
            return Assert.Single(RuleCatalog.Load([one.Write("policy.yaml", Encoding.UTF8.GetString(b))]).Catalog.RuleSets).Sha256;
        }).ToHashSet(StringComparer.Ordinal);

        using var stop = new CancellationTokenSource();
        var writes = 0;
        var writer = Task.Run(() =>
        {
            var next = changed;
            while (!stop.IsCancellationRequested)
            {
                // Note: cut at a line boundary, before the last check (or before 'checks:'), so that what a reader sees
                // half-way is a valid rule file with a part missing: the torn read that has no error.
                var text = Encoding.UTF8.GetString(next);
                var cut = Encoding.UTF8.GetByteCount(text[..(next == changed ? text.LastIndexOf("  - id: ", StringComparison.Ordinal) : text.IndexOf("checks:", StringComparison.Ordinal))]);
                using (var stream = new FileStream(file, FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite))
                {
                    stream.Write(next, 0, cut);
                    stream.Flush();
                    Thread.Sleep(1);
                    stream.Write(next, cut, next.Length - cut);
                }

                Interlocked.Increment(ref writes);
                next = next == changed ? old : changed;
                Thread.Sleep(Random.Shared.Next(0, 30));
            }
        });

        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            // Note: at least 1,000 loads and 30 rewrites (the writer's pace depends on the machine), within a minute.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; (i < 1000 || Volatile.Read(ref writes) < 30) && clock.Elapsed < TimeSpan.FromMinutes(1); i++)
            {
                var (catalog, diagnostics) = RuleCatalog.Load([file]);
                var outcome = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? "diagnostic " + diagnostics.First(d => d.Severity == DiagnosticSeverity.Error).Id
                    : catalog.RuleSets.Length == 1 && hashes.Contains(catalog.RuleSets[0].Sha256) ? "old or new"
                    : $"PARTIAL: {catalog.RuleSets.Length} rule sets, {string.Join(", ", catalog.RuleSets.Select(r => r.Checks.Length + " checks"))}";
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }

        var summary = string.Join("; ", outcomes.Select(o => $"{o.Key}: {o.Value}")) + $" ({writes} rewrites)";
        Assert.DoesNotContain(outcomes.Keys, k => k.StartsWith("PARTIAL", StringComparison.Ordinal));
        Assert.True(outcomes.GetValueOrDefault("old or new") > 0, summary);
        Assert.True(writes > 20, summary);
    }

    [Fact]
    public void AGitTreeWhosePathsClimbOutOfTheExportIsRefusedAndNothingIsWritten()
    {
        using var repo = new TempFolder();
        var marker = "PWNED-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        Git(repo.Path, "init", "-q");
        repo.Write("rules/policy.yaml", DemoRules.Policy);
        Git(repo.Path, "add", ".");
        Git(repo.Path, "-c", "user.name=test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "one");
        var blob = GitWithInput(repo.Path, $"library: {marker}\n", "hash-object", "-w", "--stdin");
        var file = MakeTree(repo.Path, $"100644 blob {blob}\t{marker}.yaml");
        var x = MakeTree(repo.Path, $"040000 tree {file}\tx");
        var up = MakeTree(repo.Path, $"040000 tree {MakeTree(repo.Path, $"040000 tree {x}\t..")}\t..");
        var root = MakeTree(repo.Path, $"040000 tree {up}\trules");
        var commit = Git(repo.Path, "-c", "user.name=test", "-c", "user.email=test@example.org", "commit-tree", root, "-p", "HEAD", "-m", "evil");
        Git(repo.Path, "branch", "evil", commit);

        var run = DiffProcess.Run(repo.Path, "diff", "--git", "HEAD", "evil", "rules");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("leaves the rules folder", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.GetTempPath(), marker + ".yaml", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 3 }));
        Assert.DoesNotContain(Directory.EnumerateDirectories(Path.GetTempPath(), "codingrules-diff-*"), d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories).Any(f => f.Contains(marker, StringComparison.Ordinal)));
    }

    [Fact]
    public void AnArgumentStartingWithAnAtSignIsAnArgumentNotAResponseFile()
    {
        var run = CliProcess.Run(null, "resolve", "@no-such-file", "--date", "2024-01-01", "--rules", "rules");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("@no-such-file", run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Response file", run.Error, StringComparison.Ordinal);
    }

    private static string MakeTree(string repo, string entry) => GitWithInput(repo, entry + "\n", "mktree");

    private static string Git(string repo, params string[] args) => GitWithInput(repo, null, args);

    private static string GitWithInput(string repo, string? input, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repo, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        if (input is not null)
        {
            p.StandardInput.Write(input);
        }

        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {args[0]}: {error}");
        return output.Trim();
    }
}
