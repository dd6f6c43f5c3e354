namespace CodingRules.Text;

/// <summary>
/// The text of one source file with its line starts, so that offsets can be turned into 1-based lines and columns.
/// Immutable and safe to share between threads.
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    private SourceText(string path, string content, int[] lineStarts)
    {
        Path = path;
        Content = content;
        _lineStarts = lineStarts;
    }

    /// <summary>The path the text was read from, as given by the caller (used in diagnostics).</summary>
    public string Path { get; }

    /// <summary>The whole text.</summary>
    public string Content { get; }

    /// <summary>Number of lines (a text without a final newline still counts its last line).</summary>
    public int LineCount => _lineStarts.Length;

    /// <summary>Creates a source text; <paramref name="content"/> is kept as given.</summary>
    public static SourceText From(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        // Note: the line breaks of YAML 1.2 and JSON: LF, CR LF and a lone CR (so a file saved with old Mac line
        // endings has its lines counted as the YAML parser counts them).
        var starts = new List<int> { 0 };
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == '\n' || (content[i] == '\r' && (i + 1 == content.Length || content[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }

        return new SourceText(path, content, [.. starts]);
    }

    /// <summary>The 1-based location of a 0-based character offset (clamped to the text).</summary>
    public SourceLocation LocationOf(int offset)
    {
        offset = Math.Clamp(offset, 0, Content.Length);
        var line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new SourceLocation(Path, line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>The 0-based offset of a 1-based line and column (clamped to the text).</summary>
    public int OffsetOf(int line, int column)
    {
        line = Math.Clamp(line, 1, _lineStarts.Length);
        var start = _lineStarts[line - 1];
        var end = LineEnd(line - 1);
        return Math.Min(start + Math.Max(column - 1, 0), end);
    }

    /// <summary>The text of a 1-based line without its line break, or an empty string outside the text.</summary>
    public string LineText(int line)
    {
        if (line < 1 || line > _lineStarts.Length)
        {
            return string.Empty;
        }

        var start = _lineStarts[line - 1];
        return Content[start..LineEnd(line - 1)];
    }

    private int LineEnd(int lineIndex)
    {
        if (lineIndex + 1 >= _lineStarts.Length)
        {
            return Content.Length;
        }

        // The next line starts after LF, CR LF or CR; the line ends before it.
        var end = _lineStarts[lineIndex + 1] - 1;
        return Content[end] == '\n' && end > _lineStarts[lineIndex] && Content[end - 1] == '\r' ? end - 1 : end;
    }
}
