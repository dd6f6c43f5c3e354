using System.Collections.Immutable;
using CodingRules.Diagnostics;
using CodingRules.Language;
using CodingRules.Loading;

namespace CodingRules.Model;

/// <summary>
/// Data tables: the layouts a rule set (or a library it imports) declares under <c>layouts:</c>, and the tables read
/// from data files by them (<c>tables: { name: { file, layout } }</c>), read once at load.
/// </summary>
public sealed partial class RuleSetCompiler
{
    private ImmutableDictionary<string, IDataTable> _dataTables = ImmutableDictionary<string, IDataTable>.Empty;

    /// <summary>Reads the layouts and the data tables; the tables are then visible to every expression of the rule set.</summary>
    private ImmutableArray<DataTable> ReadDataTables(DocMapping root)
    {
        var layouts = ReadLayouts(root);
        var result = ImmutableArray.CreateBuilder<DataTable>();
        foreach (var entry in (root["tables"] as DocMapping)?.Entries ?? [])
        {
            if (entry.Value is not DocMapping spec || spec["layout"] is not DocScalar layoutName)
            {
                continue;
            }

            if (!layouts.TryGetValue(layoutName.Value, out var layout))
            {
                if (layouts.Count > 0 || root["layouts"] is null)
                {
                    Report(DiagnosticDescriptors.CR4044_UnknownLayout, layoutName.Span, layoutName.Value, Suggestion.DidYouMean(layoutName.Value, layouts.Keys),
                        layouts.Count == 0 ? "none" : string.Join(", ", layouts.Keys.Order(StringComparer.Ordinal)));
                }

                continue;
            }

            if (spec["lines"] is DocSequence inline)
            {
                // Rows written in the rule file itself (a flat file writes a data file's rows so).
                var lineBag = new DiagnosticBag();
                var lines = inline.Items.OfType<DocScalar>().Select(s => (s.Value, s.Span.Location));
                result.Add(TableFileReader.ReadInline(entry.Key.Value, layout, lines, inline.Span, lineBag));
                _diagnostics.AddRange(lineBag.ToSortedArray());
                continue;
            }

            if (spec["file"] is not DocScalar file)
            {
                continue;
            }

            var written = file.Value;
            if (Path.IsPathRooted(written) || written.Replace('\\', '/').Split('/').Contains(".."))
            {
                Report(DiagnosticDescriptors.CR4042_TableFileUnreadable, file.Span, entry.Key.Value, written, "must be a path relative to the rule file's folder, inside it");
                continue;
            }

            var folder = Path.GetDirectoryName(file.Span.Source.Path) ?? ".";
            var bag = new DiagnosticBag();
            var table = TableFileReader.Read(entry.Key.Value, written, folder, layout, file.Span, bag);
            _diagnostics.AddRange(bag.ToSortedArray());
            if (table is not null)
            {
                result.Add(table);
            }
        }

        _dataTables = result.ToImmutableDictionary(t => t.Name, t => (IDataTable)t, StringComparer.Ordinal);
        return result.ToImmutable();
    }

    private Dictionary<string, TableLayout> ReadLayouts(DocMapping root)
    {
        var layouts = new Dictionary<string, TableLayout>(StringComparer.Ordinal);
        foreach (var entry in (root["layouts"] as DocMapping)?.Entries ?? [])
        {
            if (entry.Value is not DocMapping spec)
            {
                continue;
            }

            var name = entry.Key.Value;
            var columns = ImmutableArray.CreateBuilder<TableColumn>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var column in Mappings(spec["columns"]))
            {
                if (Str(column, "name") is not { } columnName)
                {
                    continue;
                }

                if (!seen.Add(columnName))
                {
                    Report(DiagnosticDescriptors.CR4045_InvalidLayout, column["name"]!.Span, name, $"column '{columnName}' is listed twice");
                    continue;
                }

                var missing = Strings(column["missing"]);
                columns.Add(new TableColumn(
                    columnName,
                    Str(column, "type") switch { "number" => ColumnKind.Number, "date" => ColumnKind.Date, _ => ColumnKind.Text },
                    Text(column, "title") ?? columnName)
                {
                    Missing = missing,
                    NumberPrefix = column["numberPrefix"] is DocScalar { Value: "true" },
                    DateFormat = Str(column, "format") ?? "yyyy-MM-dd",
                    MayBeMissing = column["optional"] is DocScalar { Value: "true" } || !missing.IsEmpty,
                });
            }

            var key = ImmutableArray.CreateBuilder<int>();
            foreach (var part in Scalars(spec["key"]))
            {
                var index = -1;
                for (var i = 0; i < columns.Count && index < 0; i++)
                {
                    index = columns[i].Name == part.Value ? i : -1;
                }

                if (index < 0)
                {
                    Report(DiagnosticDescriptors.CR4045_InvalidLayout, part.Span, name, $"key column '{part.Value}' is not one of its columns ({string.Join(", ", columns.Select(c => c.Name))})");
                    continue;
                }

                key.Add(index);
            }

            layouts[name] = new TableLayout(name, Str(spec, "delimiter") == "comma" ? ',' : '\t', Str(spec, "header"), columns.ToImmutable(), key.ToImmutable())
            {
                Description = Text(spec, "title") ?? name,
            };
        }

        return layouts;
    }
}
