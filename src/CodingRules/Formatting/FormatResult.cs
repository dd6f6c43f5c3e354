using System.Collections.Immutable;
using CodingRules.Diagnostics;

namespace CodingRules.Formatting;

/// <summary>
/// What <see cref="YamlFormatter.Format"/> made of a text: the canonical <see cref="Text"/>; or, when the text does
/// not load, the loader's <see cref="Diagnostics"/>; or a <see cref="Refusal"/> when it loads but cannot be laid out
/// without changing what it says (the text is then left as it is). Exactly one of the three is set.
/// </summary>
public sealed record FormatResult(string? Text, ImmutableArray<Diagnostic> Diagnostics, string? Refusal)
{
    /// <summary>True when <see cref="Text"/> is the canonical layout.</summary>
    public bool Succeeded => Text is not null;
}
