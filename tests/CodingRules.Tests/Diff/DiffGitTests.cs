using System.Diagnostics;
using CodingRules.Tests.Cli;
using CodingRules.Tests.DiffEngine;

namespace CodingRules.Tests.Diff;

/// <summary><c>diff --git REV1 REV2 [PATH]</c>: the rules folder of two revisions, read through git without a checkout.</summary>
public sealed class DiffGitTests
{
    [Fact]
    public void ThisRepositorysHeadComparedWithItselfHasNoChange()
    {
        var run = CliProcess.Run(null, "diff", "--git", "HEAD", "HEAD");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["0 changes: 0 added, 0 removed, 0 changed"], run.OutLines);
    }

    [Fact]
    public void AnUnknownRevisionExitsTwo()
    {
        var run = CliProcess.Run(null, "diff", "--git", "no-such-revision", "HEAD");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("no-such-revision", run.Error, StringComparison.Ordinal);
    }

    /// <summary>A new git repository in <paramref name="repo"/> whose one commit holds the legacy policy at policies/jf.yaml; returns its text.</summary>
    private static string CommittedLegacyPolicy(TempFolder repo)
    {
        var legacy = DiffCliTests.LegacyFlat;
        Git(repo.Path, "init", "-q");
        repo.Write("policies/jf.yaml", legacy);
        Git(repo.Path, "add", ".");
        Commit(repo, "-m", "legacy");
        return legacy;
    }

    private static void Commit(TempFolder repo, params string[] args) =>
        Git(repo.Path, ["-c", "user.name=test", "-c", "user.email=test@example.org", "commit", "-q", .. args]);

    [Fact]
    public void OneRevisionIsComparedWithTheWorkingTree()
    {
        using var repo = new TempFolder();
        var legacy = CommittedLegacyPolicy(repo);
        var clean = DiffProcess.Run(repo.Path, "diff", "--git", "HEAD", "policies");
        repo.Write("policies/jf.yaml", DiffFiles.Replace(legacy, "count(session.joints) > params.jointLimit", "count(session.joints) > 2"));

        var edited = DiffProcess.Run(repo.Path, "diff", "--git", "HEAD", "policies");

        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.True(edited.ExitCode == 1, edited.ToString());
        var change = Assert.Single(edited.OutLines, l => l.TrimStart().StartsWith('~'));
        Assert.Contains("count(session.joints) > 4 -> \"facet-joint-destruction\" in session.kinds and count(session.joints) > 2", change, StringComparison.Ordinal);
        Assert.Contains(edited.OutLines, l => l.Contains("was: HEAD:policies/jf.yaml:", StringComparison.Ordinal) && l.Contains("now: policies/jf.yaml:", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoCommitsOfARuleFileShowTheConditionChangeAtTheirRevisionPaths()
    {
        using var repo = new TempFolder();
        var legacy = CommittedLegacyPolicy(repo);
        repo.Write("policies/jf.yaml", DiffFiles.Replace(legacy, "count(session.joints) > params.jointLimit", "count(session.joints) > 2"));
        Commit(repo, "-am", "two joints");

        var run = DiffProcess.Run(repo.Path, "diff", "--git", "HEAD~1", "HEAD", "policies");
        var same = DiffProcess.Run(repo.Path, "diff", "--git", "HEAD~1", "HEAD~1", "policies");

        Assert.True(run.ExitCode == 1, run.ToString());
        var change = Assert.Single(run.OutLines, l => l.TrimStart().StartsWith('~'));
        Assert.Contains("condition \"facet-joint-destruction\" in session.kinds and count(session.joints) > 4 -> \"facet-joint-destruction\" in session.kinds and count(session.joints) > 2", change, StringComparison.Ordinal);
        Assert.Contains(run.OutLines, l => l.Contains("was: HEAD~1:policies/jf.yaml:", StringComparison.Ordinal) && l.Contains("now: HEAD:policies/jf.yaml:", StringComparison.Ordinal));
        Assert.True(same.ExitCode == 0, same.ToString());
        // The temporary folders of both revisions are deleted afterwards.
        Assert.DoesNotContain(Directory.EnumerateDirectories(Path.GetTempPath(), "codingrules-diff-*"), d => Directory.EnumerateFiles(d, "jf.yaml", SearchOption.AllDirectories).Any());
    }

    private static void Git(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var error = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
    }
}

/// <summary>Runs the tool in a chosen folder (the git verb reads the repository of its current folder).</summary>
internal static class DiffProcess
{
    public static CliRun Run(string folder, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        start.ArgumentList.Add(CliProcess.CliDll);
        start.Environment["CODINGRULES_CACHE"] = CliProcess.TestCache;
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliRun(process.ExitCode, stdout.GetAwaiter().GetResult().Replace("\r\n", "\n", StringComparison.Ordinal), stderr.GetAwaiter().GetResult());
    }
}
