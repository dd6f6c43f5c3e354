using System.Collections.Immutable;
using System.Globalization;
using CodingRules.Loading;
using CodingRules.Results;

namespace CodingRules.Testing;

/// <summary>An expected claim line; <see cref="Joints"/> is compared only when given.</summary>
public sealed record ExpectedLine(string Code, ImmutableArray<string> Modifiers, int Units, ImmutableArray<string>? Joints)
{
    internal static ExpectedLine Read(DocMapping map) => new(
        (map["code"] as DocScalar)?.Value ?? string.Empty,
        map["modifiers"] is DocSequence m ? [.. m.Items.OfType<DocScalar>().Select(s => s.Value)] : [],
        map["units"] is DocScalar u && int.TryParse(u.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1,
        map["joints"] is DocSequence j ? [.. j.Items.OfType<DocScalar>().Select(s => s.Value)] : null);

    /// <summary>True when <paramref name="line"/> is this line.</summary>
    public bool Matches(CodedLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Code == Code && line.Units == Units && line.Modifiers.SequenceEqual(Modifiers)
            && (Joints is null || line.Joints.Order(StringComparer.Ordinal).SequenceEqual(Joints.Value.Order(StringComparer.Ordinal)));
    }

    /// <inheritdoc />
    public override string ToString() =>
        (Modifiers.IsEmpty ? Code : $"{Code}-{string.Join('-', Modifiers)}") + $" x{Units}" + (Joints is { } j ? $" [{string.Join(", ", j)}]" : string.Empty);
}
