using System.Collections.Immutable;

namespace CodingRules.Diagnostics;

/// <summary>
/// Collects diagnostics during one load. Not thread-safe: one bag per loading operation.
/// </summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>True when an error (not a warning) was reported.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>Number of diagnostics collected.</summary>
    public int Count => _items.Count;

    /// <summary>Adds one diagnostic.</summary>
    public void Add(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        _items.Add(diagnostic);
        HasErrors |= diagnostic.Severity == DiagnosticSeverity.Error;
    }

    /// <summary>Adds several diagnostics.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        foreach (var d in diagnostics)
        {
            Add(d);
        }
    }

    /// <summary>The diagnostics sorted by location, then id; duplicates (same id, place and message) removed.</summary>
    public ImmutableArray<Diagnostic> ToSortedArray() => Sort(_items);

    /// <summary>Sorts diagnostics by location, then id, and drops exact duplicates.</summary>
    public static ImmutableArray<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var seen = new HashSet<(string, Text.SourceLocation, string)>();
        var builder = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var d in diagnostics.OrderBy(d => d.Location).ThenBy(d => d.Id, StringComparer.Ordinal))
        {
            if (seen.Add((d.Id, d.Location, d.Message)))
            {
                builder.Add(d);
            }
        }

        return builder.ToImmutable();
    }
}
