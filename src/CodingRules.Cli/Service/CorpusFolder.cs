using CodingRules.Encounters;

namespace CodingRules.Cli.Service;

/// <summary>
/// The encounter corpora an auditor may replay without uploading one (<c>serve --corpora DIR</c>): the <c>.ndjson</c>
/// files under the folder, named by their path relative to it. Only listed names open, so no request reaches a file
/// outside the folder.
/// </summary>
internal sealed class CorpusFolder(string folder)
{
    /// <summary>Most files listed.</summary>
    public const int MaxFiles = 1000;

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>The corpora: name (relative path, forward slashes) and size in bytes, by name.</summary>
    public IReadOnlyList<(string Name, long Bytes)> List() =>
        [.. Directory.EnumerateFiles(Folder, "*.ndjson", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 8, IgnoreInaccessible = true })
            .Take(MaxFiles)
            .Select(f => (Name: Path.GetRelativePath(Folder, f).Replace('\\', '/'), Bytes: new FileInfo(f).Length))
            .OrderBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>The corpus of that name opened for reading; null when no listed corpus has it.</summary>
    public FileStream? Open(string name) =>
        List().Any(c => c.Name == name) ? File.OpenRead(Path.Combine(Folder, name)) : null;

    /// <summary>
    /// The text of one line (from 1) of a corpus: the record an impact report names by its line. Null when there is no
    /// such corpus or line, or the line is longer than a record may be (<see cref="RecordReader.MaxDocumentBytes"/>).
    /// </summary>
    public string? Line(string name, long line)
    {
        using var file = Open(name);
        if (file is null || line < 1)
        {
            return null;
        }

        using var reader = new StreamReader(file);
        for (long n = 1; ; n++)
        {
            if (n < line)
            {
                // Note: lines before the one wanted are skipped a buffer at a time, never held whole.
                int c;
                while ((c = reader.Read()) is not (-1 or '\n'))
                {
                }

                if (c == -1)
                {
                    return null;
                }

                continue;
            }

            var text = new System.Text.StringBuilder();
            int ch;
            while ((ch = reader.Read()) is not (-1 or '\n'))
            {
                if (text.Length >= RecordReader.MaxDocumentBytes)
                {
                    return null;
                }

                text.Append((char)ch);
            }

            return ch == -1 && text.Length == 0 ? null : text.ToString().TrimEnd('\r');
        }
    }
}
