using System.Collections.Immutable;
using CodingRules.Language.Syntax;

namespace CodingRules.Language;

/// <summary>
/// A named definition of a rule set or library: a value (<c>window: encounter.dateOfService - months(12)</c>) or a
/// function with parameters (<c>touches(entry): any(entry.joints, j =&gt; j.level == joint.level)</c>). Parsed once;
/// checked where it is used, in the scope of the check that uses it (its body sees the host's variables, constants
/// and other definitions, never the predicate parameters around the use). A value is computed at most once per
/// evaluation scope (cached in the frame under <see cref="CacheIndex"/>); a function is evaluated per call.
/// Immutable.
/// </summary>
public sealed class ExpressionDefinition
{
    private ExpressionDefinition(string name, ImmutableArray<string> parameters, string text, object? origin, int cacheIndex, SyntaxNode syntax)
    {
        Name = name;
        Parameters = parameters;
        Text = text;
        Origin = origin;
        CacheIndex = cacheIndex;
        Syntax = syntax;
    }

    /// <summary>The name expressions use.</summary>
    public string Name { get; }

    /// <summary>The parameter names of a function; empty for a value.</summary>
    public ImmutableArray<string> Parameters { get; }

    /// <summary>The expression text.</summary>
    public string Text { get; }

    /// <summary>Where the host wrote it (errors inside the definition carry it, so the host can locate them).</summary>
    public object? Origin { get; }

    /// <summary>The frame cache entry of a value definition.</summary>
    public int CacheIndex { get; }

    internal SyntaxNode Syntax { get; }

    /// <summary>Parses a definition; syntax errors are located by offset in <paramref name="text"/>.</summary>
    public static (ExpressionDefinition? Definition, ImmutableArray<ExpressionError> Errors) Parse(
        string name, ImmutableArray<string> parameters, string text, object? origin, int cacheIndex)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<ExpressionError>();
        var syntax = Parser.Parse(text, errors);
        return errors.Count > 0 ? (null, [.. errors]) : (new ExpressionDefinition(name, parameters, text, origin, cacheIndex, syntax), []);
    }

    /// <inheritdoc />
    public override string ToString() => Parameters.IsEmpty ? Name : $"{Name}({string.Join(", ", Parameters)})";
}
