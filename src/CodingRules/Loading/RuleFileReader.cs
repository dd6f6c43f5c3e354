using System.Text;
using CodingRules.Diagnostics;
using CodingRules.Text;

namespace CodingRules.Loading;

/// <summary>
/// Finds rule and test files under the paths given and reads one file's text, within <see cref="LoadLimits"/>.
/// Problems are diagnostics (CR1002, CR1009, CR1012, CR1013, CR1016-CR1019), never exceptions. A file is read once,
/// as bytes, and only when it has a size (a device, a pipe or a socket reports none and is never opened); its size
/// and time are taken before and after the read, so a file being rewritten is read again once it has settled, or
/// reported, never used half written. Links found in a folder are followed only to files inside that folder.
/// </summary>
public static class RuleFileReader
{
    /// <summary>How long a file must be left alone after its last write before it is read (an editor saving it).</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(20);

    /// <summary>How many times a file that changes while it is read is read again before that is reported.</summary>
    public const int MaxReadAttempts = 5;

    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The rule and test files under <paramref name="paths"/> (files or folders), sorted by ordinal path.</summary>
    public static IEnumerable<string> FindFiles(IEnumerable<string> paths, DiagnosticBag bag)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(bag);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                var found = FilesUnder(path, bag);
                if (found.Count == 0)
                {
                    bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1012_NoRuleFiles, SourceLocation.Start(path), path));
                }

                files.UnionWith(found);
            }
            else
            {
                bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1013_PathNotFound, SourceLocation.Start(path), path));
            }
        }

        return files;
    }

    /// <summary>True for <c>*.tests.yaml</c> (and .yml, .json).</summary>
    public static bool IsTestFile(string path) =>
        Path.GetFileNameWithoutExtension(path).EndsWith(".tests", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file's text, or null (with a diagnostic) when it cannot be read, is too large, is not text or would not settle.</summary>
    public static SourceText? Read(string path, DiagnosticBag bag)
    {
        ArgumentNullException.ThrowIfNull(bag);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var before = Target(path);
                if (!before.Exists)
                {
                    bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1013_PathNotFound, SourceLocation.Start(path), path));
                    return null;
                }

                if (before.Length == 0)
                {
                    // Note: an empty file written a moment ago is likely being rewritten in place (truncated, then
                    // written); it gets the settle time like any other, and is reported only if it stays empty.
                    var emptyFor = DateTime.UtcNow - before.LastWriteTimeUtc;
                    if (emptyFor >= TimeSpan.Zero && emptyFor < SettleTime && attempt < MaxReadAttempts)
                    {
                        Thread.Sleep((int)Math.Ceiling((SettleTime - emptyFor).TotalMilliseconds) + 1);
                        continue;
                    }

                    bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1016_NotARegularFile, SourceLocation.Start(path)));
                    return null;
                }

                if (before.Length > LoadLimits.MaxFileBytes)
                {
                    bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1009_InputLimit, SourceLocation.Start(path), $"the file is larger than {LoadLimits.MaxFileBytes} bytes"));
                    return null;
                }

                var (size, written) = (before.Length, before.LastWriteTimeUtc);
                var age = DateTime.UtcNow - written;
                if (age >= TimeSpan.Zero && age < SettleTime)
                {
                    if (attempt == MaxReadAttempts)
                    {
                        bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1018_FileChanged, SourceLocation.Start(path), MaxReadAttempts));
                        return null;
                    }

                    // Note: only what is left of the settle time, so files written together cost one wait.
                    Thread.Sleep((int)Math.Ceiling((SettleTime - age).TotalMilliseconds) + 1);
                    continue;
                }

                var bytes = ReadAtMost(path, LoadLimits.MaxFileBytes + 1);
                var after = Target(path);
                if (bytes.Length != size || !after.Exists || after.Length != size || after.LastWriteTimeUtc != written)
                {
                    if (attempt < MaxReadAttempts)
                    {
                        Thread.Sleep(SettleTime);
                        continue;
                    }

                    bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1018_FileChanged, SourceLocation.Start(path), MaxReadAttempts));
                    return null;
                }

                return Decode(path, bytes, bag);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1002_FileUnreadable, SourceLocation.Start(path), e.Message));
            return null;
        }
    }

    /// <summary>The file a path names, through any links (a link's own size and time are not the file's).</summary>
    private static FileInfo Target(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
    }

    /// <summary>Text only: UTF-8 (a byte order mark is dropped) without NUL; the first offending byte is named, never shown.</summary>
    private static SourceText? Decode(string path, byte[] bytes, DiagnosticBag bag)
    {
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var zero = bytes.AsSpan(start).IndexOf((byte)0);
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1017_NotText, SourceLocation.Start(path), $"it is not UTF-8 (byte 0x{e.BytesUnknown?.FirstOrDefault():X2} at offset {start + e.Index})"));
            return null;
        }

        if (zero >= 0)
        {
            bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1017_NotText, SourceLocation.Start(path), $"it holds a NUL byte (offset {start + zero})"));
            return null;
        }

        return SourceText.From(path, text);
    }

    /// <summary>At most <paramref name="limit"/> bytes of the file, read once (also the data files of tables).</summary>
    public static byte[] ReadAtMost(string path, long limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while (buffer.Length < limit && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The rule files below a folder. Sub-folders are walked, links to folders are not (no cycles); a link to a file
    /// is followed when the file it resolves to lies inside the folder, and reported (CR1019) otherwise. Hidden entries
    /// (names starting with '.': <c>.git</c>, an editor's lock files, and the <c>..TIMESTAMP</c> folder in which
    /// Kubernetes keeps the files of a ConfigMap volume while linking them from the top) are not read.
    /// </summary>
    private static List<string> FilesUnder(string root, DiagnosticBag bag)
    {
        var rootPath = RealPath(root);
        var found = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                if (entry.Name.StartsWith('.'))
                {
                    continue;
                }

                if (entry is DirectoryInfo directory)
                {
                    if (directory.LinkTarget is null)
                    {
                        pending.Push(Path.Combine(folder, directory.Name));
                    }

                    continue;
                }

                if (!Extensions.Contains(entry.Extension, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                var path = Path.Combine(folder, entry.Name);
                if (entry.LinkTarget is not null)
                {
                    var target = entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                    if (target is null || !IsInside(target, rootPath))
                    {
                        bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1019_LinkOutside, SourceLocation.Start(path), entry.LinkTarget, root));
                        continue;
                    }
                }

                found.Add(path);
            }
        }

        return found;
    }

    /// <summary>Whether <paramref name="path"/> lies inside <paramref name="folder"/> (the folder's links resolved).</summary>
    public static bool IsInsideFolder(string path, string folder) => IsInside(path, RealPath(folder));

    private static string RealPath(string folder)
    {
        var info = new DirectoryInfo(folder);
        return Path.GetFullPath(info.LinkTarget is null ? info.FullName : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName);
    }

    private static bool IsInside(string path, string folder)
    {
        var full = Path.GetFullPath(path);
        var prefix = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
