using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CodingRules.Diagnostics;
using CodingRules.Language;
using CodingRules.Loading;
using CodingRules.Text;

namespace CodingRules.Model;

/// <summary>
/// Reads a delimited data file (tab- or comma-separated, such as the CMS NCCI quarterly files) by a declared
/// <see cref="TableLayout"/>: the lines up to and including the header row are skipped, every later non-empty line
/// is a row whose cells are read by the columns' types. A cell that does not read is a located diagnostic (file,
/// line, column) and its row is left out; the other rows load.
/// <para>
/// Bounded: the file is at most <see cref="MaxFileBytes"/> and <see cref="MaxRows"/> rows; at most
/// <see cref="MaxErrors"/> bad rows are reported one by one (then one summary). Reading is linear in the file.
/// </para>
/// </summary>
public static class TableFileReader
{
    /// <summary>Largest data file read (a quarterly CMS practitioner PTP file of one code range is well under it).</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>Most data rows of one table.</summary>
    public const int MaxRows = 2_000_000;

    /// <summary>Most bad rows reported one by one per file.</summary>
    public const int MaxErrors = 20;

    /// <summary>
    /// Reads <paramref name="written"/> (relative to <paramref name="folder"/>, the rule file's) by <paramref name="layout"/>; null when the file cannot be read
    /// (reported at <paramref name="at"/>, the <c>file:</c> value in the rule file).
    /// </summary>
    public static DataTable? Read(string name, string written, string folder, TableLayout layout, SourceSpan at, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var path = Path.Combine(folder, written);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR4042_TableFileUnreadable, at, name, written, "does not exist"));
                return null;
            }

            // Note: like a rule file, a data file may be a link only to a file inside the folder, and must be a
            // regular file with content (devices, pipes and /proc files report no length and are never read).
            var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
            if (target is null || !RuleFileReader.IsInsideFolder(target.FullName, folder))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR4042_TableFileUnreadable, at, name, written, "is a link to a file outside the rule file's folder"));
                return null;
            }

            if (target.Length == 0 || target.Length > MaxFileBytes)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR4042_TableFileUnreadable, at, name, written,
                    target.Length == 0 ? "is empty or not a regular file" : $"is {target.Length:N0} bytes; at most {MaxFileBytes:N0} are read"));
                return null;
            }

            bytes = RuleFileReader.ReadAtMost(target.FullName, MaxFileBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR4042_TableFileUnreadable, at, name, written, "cannot be read: " + e.Message));
            return null;
        }

        var text = new UTF8Encoding(false, false).GetString(bytes);
        var lines = Lines(text).Select((line, i) => (line, new SourceLocation(path, i + 1, 1)));
        return ReadLines(name, written, layout, lines, layout.Header, at, diagnostics) is { } table ? table with { FilePath = path } : null;
    }

    /// <summary>
    /// Reads a table from lines written in the rule file itself (<c>lines:</c>, the data rows of the layout, no
    /// header); null only when a line cannot be read at all.
    /// </summary>
    public static DataTable ReadInline(string name, TableLayout layout, IEnumerable<(string Line, SourceLocation At)> lines, SourceSpan at, DiagnosticBag diagnostics) =>
        ReadLines(name, "lines", layout, lines, null, at, diagnostics)!;

    private static DataTable? ReadLines(string name, string written, TableLayout layout, IEnumerable<(string Line, SourceLocation At)> lines, string? header, SourceSpan at, DiagnosticBag diagnostics)
    {
        var rows = ImmutableArray.CreateBuilder<TableRow>();
        var inData = header is null;
        var errors = 0;
        var last = at.Location;
        var cells = new List<(string Text, int Column)>();
        foreach (var (rawLine, start) in lines)
        {
            last = start;
            var line = rawLine.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            Split(line, layout.Delimiter, cells);
            if (!inData)
            {
                inData = string.Equals(cells[0].Text, header, StringComparison.OrdinalIgnoreCase);
                continue;
            }

            if (rows.Count >= MaxRows)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR4043_InvalidTableRow, start, name, $"more than {MaxRows:N0} rows; the rest of the file is not read"));
                break;
            }

            var row = ReadRow(name, layout, cells, start, out var problem);
            if (row is not null)
            {
                rows.Add(row);
            }
            else if (++errors <= MaxErrors)
            {
                diagnostics.Add(problem!);
            }
        }

        if (errors > MaxErrors)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR4043_InvalidTableRow, last, name, $"{errors - MaxErrors:N0} more rows could not be read (the first {MaxErrors} are reported)"));
        }

        if (!inData)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.CR4042_TableFileUnreadable, at, name, written, $"has no header row starting with '{layout.Header}' (layout {layout.Name}), so no row was read"));
            return null;
        }

        return new DataTable(name, layout, written, rows.ToImmutable());
    }

    private static IEnumerable<string> Lines(string text)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                if (start < text.Length)
                {
                    yield return text[start..];
                }

                yield break;
            }

            yield return text[start..end];
            start = end + 1;
        }
    }

    /// <summary>Splits a line into trimmed cells with their 1-based columns; comma files may quote cells ("a, b" and "" inside).</summary>
    private static void Split(string line, char delimiter, List<(string Text, int Column)> cells)
    {
        cells.Clear();
        var i = 0;
        while (true)
        {
            var column = i + 1;
            string cell;
            if (delimiter == ',' && i < line.Length && line[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(line[i++]);
                }

                var next = line.IndexOf(delimiter, i);
                cell = sb.ToString();
                i = next < 0 ? line.Length + 1 : next + 1;
            }
            else
            {
                var next = line.IndexOf(delimiter, i);
                cell = next < 0 ? line[i..] : line[i..next];
                i = next < 0 ? line.Length + 1 : next + 1;
            }

            cells.Add((cell.Trim(), column));
            if (i > line.Length)
            {
                return;
            }
        }
    }

    private static TableRow? ReadRow(string name, TableLayout layout, List<(string Text, int Column)> cells, SourceLocation start, out Diagnostic? problem)
    {
        problem = null;
        if (cells.Count < layout.Columns.Length)
        {
            problem = Diagnostic.Create(DiagnosticDescriptors.CR4043_InvalidTableRow, start, name,
                $"{cells.Count} cell(s), the layout {layout.Name} has {layout.Columns.Length} columns ({string.Join(", ", layout.Columns.Select(c => c.Name))})");
            return null;
        }

        var values = new Value[layout.Columns.Length];
        for (var c = 0; c < layout.Columns.Length; c++)
        {
            var column = layout.Columns[c];
            var (cell, at) = cells[c];
            if (cell.Length == 0 || column.Missing.Contains(cell))
            {
                if (!column.MayBeMissing || layout.Key.Contains(c))
                {
                    problem = Diagnostic.Create(DiagnosticDescriptors.CR4043_InvalidTableRow, At(start, at), name, $"column {column.Name} is empty");
                    return null;
                }

                values[c] = Value.Null;
                continue;
            }

            if (Read(column, cell) is not { } value)
            {
                var expected = column.Kind switch
                {
                    ColumnKind.Number => column.NumberPrefix ? "a cell that starts with a number" : "a number",
                    ColumnKind.Date => $"a date ({column.DateFormat})",
                    _ => "text",
                };
                problem = Diagnostic.Create(DiagnosticDescriptors.CR4043_InvalidTableRow, At(start, at), name, $"column {column.Name} is '{Shorten(cell)}', expected {expected}");
                return null;
            }

            values[c] = value;
        }

        return new TableRow([.. values], start.Line);
    }

    private static Value? Read(TableColumn column, string cell)
    {
        switch (column.Kind)
        {
            case ColumnKind.Number:
                var end = 0;
                if (column.NumberPrefix)
                {
                    while (end < cell.Length && (char.IsAsciiDigit(cell[end]) || cell[end] == '.'))
                    {
                        end++;
                    }

                    if (end < cell.Length && cell[end] != ' ')
                    {
                        return null;
                    }
                }
                else
                {
                    end = cell.Length;
                }

                return double.TryParse(cell.AsSpan(0, end), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    ? Value.FromNumber(number)
                    : null;
            case ColumnKind.Date:
                return DateOnly.TryParseExact(cell, column.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? Value.FromDate(date) : null;
            default:
                return Value.FromString(cell);
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    /// <summary>The location of a cell: its column on a line of a data file (a line written in a rule file is located at its start).</summary>
    private static SourceLocation At(SourceLocation line, int column) => line.Column == 1 ? line with { Column = column } : line;
}
