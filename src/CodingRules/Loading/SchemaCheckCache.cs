using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CodingRules.Loading;

/// <summary>
/// Remembers which file contents passed the schema check, so that loading unchanged files again skips it (the schema
/// check, with the JSON Schema library it needs started, was half of a command's start-up). An entry is the SHA-256 of
/// the build of this library, the schema's name and the file's whole text: a file that changes in any way, another
/// schema or another build of the library is checked again, and a file with any schema diagnostic is never recorded,
/// so a load reports exactly what a load without the cache reports. Only the schema check is skipped: YAML, the
/// file's own checks, composition and compilation run every time, and they never assume the schema held.
/// </summary>
/// <remarks>
/// The cache is one text file, <c>schema-checks</c>, in a folder only its owner may enter (created 0700; the file
/// 0600): a first line naming the format and the library build, then one entry (64 hex digits) a line. Bounds,
/// whatever the file holds: it is read only up to <see cref="MaxFileBytes"/> (a larger one is ignored and replaced),
/// lines that are not entries are skipped, and at most <see cref="MaxEntries"/> are kept (the newest). It is written
/// to a temporary file in the same folder and renamed over the old one, so concurrent loads never see a half-written
/// file (the last to save wins). A cache that cannot be read or written (no home folder, read-only, full disk) is
/// ignored: loading is then as fast as without one, never wrong and never stopped.
/// </remarks>
public sealed class SchemaCheckCache
{
    /// <summary>The environment variable that names the cache folder, or turns the cache off with <c>off</c>.</summary>
    public const string EnvironmentVariable = "CODINGRULES_CACHE";

    /// <summary>Most entries kept (about 650 KB).</summary>
    public const int MaxEntries = 10_000;

    /// <summary>Largest cache file read; a larger one is ignored.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    private const string FileName = "schema-checks";

    private static readonly string BuildId = typeof(SchemaCheckCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private readonly string _path;
    private readonly string _header;
    private readonly List<string> _known;
    private readonly HashSet<string> _knownSet;
    private readonly ConcurrentDictionary<string, byte> _added = new(StringComparer.Ordinal);

    private SchemaCheckCache(string folder, List<string> known)
    {
        Folder = folder;
        _path = Path.Combine(folder, FileName);
        _header = Header;
        _known = known;
        _knownSet = new HashSet<string>(known, StringComparer.Ordinal);
    }

    /// <summary>The folder the cache file is in.</summary>
    public string Folder { get; }

    /// <summary>How many entries were found when the cache was opened.</summary>
    public int Count => _known.Count;

    private static string Header => $"codingrules schema-checks v1 {BuildId}";

    /// <summary>
    /// The cache the command line uses: in the folder <see cref="EnvironmentVariable"/> names, or in
    /// <c>$XDG_CACHE_HOME/codingrules</c>, else <c>~/.cache/codingrules</c> (on Windows <c>%LOCALAPPDATA%\codingrules</c>);
    /// null when the variable is <c>off</c> or no such folder can be named.
    /// </summary>
    public static SchemaCheckCache? FromEnvironment()
    {
        var named = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.Equals(named, "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var folder = !string.IsNullOrEmpty(named) ? named : DefaultFolder();
        return folder is null ? null : Open(folder);
    }

    /// <summary>Opens the cache in <paramref name="folder"/> (created when it is first saved); an unreadable or foreign cache opens empty.</summary>
    public static SchemaCheckCache Open(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        return new SchemaCheckCache(Path.GetFullPath(folder), Read(Path.Combine(Path.GetFullPath(folder), FileName)));
    }

    /// <summary>The entry for <paramref name="content"/> checked against the schema named <paramref name="schema"/>.</summary>
    public static string KeyOf(string schema, string content)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(content);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{BuildId}\n{schema}\n"));
        hash.AppendData(Encoding.UTF8.GetBytes(content));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>True when a content with this entry passed the schema check before (or in this load).</summary>
    public bool Passed(string key) => _knownSet.Contains(key) || _added.ContainsKey(key);

    /// <summary>Records that a content passed with no diagnostic; kept when <see cref="Save"/> is called. Thread-safe.</summary>
    public void Add(string key) => _added.TryAdd(key, 0);

    /// <summary>Writes the cache when this load added entries; never throws for I/O (the cache is then left as it was).</summary>
    public void Save()
    {
        if (_added.IsEmpty)
        {
            return;
        }

        var added = _added.Keys.Where(k => !_knownSet.Contains(k)).Order(StringComparer.Ordinal).ToList();
        var kept = _known.Concat(added).TakeLast(MaxEntries);
        var temporary = Path.Combine(Folder, $"{FileName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(Folder);
            }
            else
            {
                Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(temporary, new UTF8Encoding(false), options))
            {
                writer.NewLine = "\n";
                writer.WriteLine(_header);
                foreach (var key in kept)
                {
                    writer.WriteLine(key);
                }
            }

            File.Move(temporary, _path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temporary);
        }
    }

    private static string? DefaultFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return string.IsNullOrEmpty(local) ? null : Path.Combine(local, "codingrules");
        }

        if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "codingrules");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "codingrules");
    }

    private static List<string> Read(string path)
    {
        var entries = new List<string>();
        try
        {
            // Note: only a regular file of at most MaxFileBytes is opened (a pipe or a device reports no length, and
            // opening a pipe would wait for a writer), and no more than that is read even if it grows meanwhile.
            var info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                info = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
            }

            if (!info.Exists || info.Length is 0 or > MaxFileBytes)
            {
                return entries;
            }

            var bytes = new byte[MaxFileBytes];
            var length = 0;
            using (var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                for (int read; length < bytes.Length && (read = stream.Read(bytes, length, bytes.Length - length)) > 0;)
                {
                    length += read;
                }
            }

            var lines = Encoding.UTF8.GetString(bytes, 0, length).Split('\n');
            if (lines[0] != Header)
            {
                return entries;
            }

            foreach (var line in lines.Skip(1))
            {
                if (entries.Count < MaxEntries && line.Length == 64 && line.All(char.IsAsciiHexDigitLower))
                {
                    entries.Add(line);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            entries.Clear();
        }

        return entries;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Note: a temporary file that cannot be deleted is left; nothing reads it.
        }
    }
}
