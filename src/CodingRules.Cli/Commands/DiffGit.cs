using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace CodingRules.Cli.Commands;

/// <summary>
/// The rule files of one git revision (with the data files beside them), read through git without a checkout (<c>git ls-tree</c> and
/// <c>git show REV:path</c>) into a temporary folder that is deleted on dispose. Paths are shown as <c>REV:path</c>.
/// </summary>
internal sealed class DiffGit : IDisposable
{
    private static readonly string[] RuleExtensions = [".yaml", ".yml", ".json"];

    private DiffGit(string revision, string root, int files)
    {
        Revision = revision;
        Root = root;
        Files = files;
    }

    public string Revision { get; }

    /// <summary>The temporary folder: the revision's rule files at their paths in the repository.</summary>
    public string Root { get; }

    public int Files { get; }

    /// <summary>A path under <see cref="Root"/> as <c>REV:path-in-repository</c>.</summary>
    public string Show(string path) => $"{Revision}:{Path.GetRelativePath(Root, Path.GetFullPath(path)).Replace('\\', '/')}";

    /// <summary>True when <paramref name="revision"/> names a commit of the repository here (nothing is printed).</summary>
    public static bool IsRevision(string revision)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["rev-parse", "--verify", "--quiet", revision + "^{commit}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null)
            {
                return false;
            }

            git.StandardOutput.ReadToEnd();
            git.StandardError.ReadToEnd();
            return git.WaitForExit(30_000) && git.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Exports the rule files under <paramref name="path"/> at <paramref name="revision"/>; null (after reporting) on a git error.</summary>
    public static DiffGit? Export(CliConsole console, string revision, string path)
    {
        if (Git(console, ["rev-parse", "--verify", "--quiet", revision + "^{commit}"]) is null)
        {
            console.Error.WriteLine($"codingrules: '{revision}' is not a git revision here");
            return null;
        }

        var listing = Git(console, ["ls-tree", "-r", "-z", "--name-only", "--full-name", revision, "--", path]);
        if (listing is null)
        {
            return null;
        }

        // Note: every file under the path, not only the rule files: a data table's file (a CMS quarter) is read
        // beside the rule file that names it.
        var files = Encoding.UTF8.GetString(listing).Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList();
        var root = Directory.CreateTempSubdirectory("codingrules-diff-").FullName;
        var export = new DiffGit(revision, root, files.Count(f => RuleExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)));
        try
        {
            foreach (var file in files)
            {
                // Note: a tree is data from whoever made the commit; a path that would leave the export ('..', absolute,
                // a drive) is refused before anything is read or written.
                var target = Path.GetFullPath(Path.Combine(root, file));
                if (Path.IsPathRooted(file) || file.Split('/', '\\').Any(part => part is ".." or "") || !target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    console.Error.WriteLine($"codingrules: {revision} holds a path that leaves the rules folder: '{file}'; nothing is compared");
                    export.Dispose();
                    return null;
                }

                var bytes = Git(console, ["show", $"{revision}:{file}"]);
                if (bytes is null)
                {
                    export.Dispose();
                    return null;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, bytes);
            }
        }
        catch
        {
            export.Dispose();
            throw;
        }

        return export;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Note: a temporary folder left behind is not worth failing the diff for.
        }
    }

    /// <summary>Runs git in the current folder; its standard output, or null (after reporting) when it fails.</summary>
    private static byte[]? Git(CliConsole console, string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory.GetCurrentDirectory(),
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
            var error = process.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var message = error.GetAwaiter().GetResult().Trim();
                if (message.Length > 0)
                {
                    console.Error.WriteLine($"codingrules: git {args[0]}: {message}");
                }

                return null;
            }

            return output.ToArray();
        }
        catch (Win32Exception e)
        {
            console.Error.WriteLine($"codingrules: cannot run git: {e.Message}");
            return null;
        }
    }
}
