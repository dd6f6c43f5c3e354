using System.Globalization;
using System.Text.RegularExpressions;

namespace CodingRules.Loading;

/// <summary>Resolves plain (unquoted) scalars to null, boolean, integer, float or string per the YAML 1.2 core schema.</summary>
internal static partial class YamlCoreSchema
{
    public enum PlainKind
    {
        Null,
        Boolean,
        Integer,
        Float,
        String,
    }

    public static PlainKind Resolve(string value) => value switch
    {
        "" or "~" or "null" or "Null" or "NULL" => PlainKind.Null,
        "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => PlainKind.Boolean,
        _ when IntegerPattern().IsMatch(value) => PlainKind.Integer,
        _ when FloatPattern().IsMatch(value) => PlainKind.Float,
        _ => PlainKind.String,
    };

    public static bool IsTrue(string value) => value is "true" or "True" or "TRUE";

    public static bool TryInteger(string value, out long result) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
