using System.Text.Encodings.Web;
using System.Text.Json;

namespace CodingRules.Text;

/// <summary>
/// How CodingRules writes JSON for people and programs (results, diagnostics, diffs): quotes, apostrophes and
/// non-ASCII letters as they are (<c>'L4-L5'</c>, not <c>\u0027L4-L5\u0027</c>); only what JSON itself requires is
/// escaped (the quotation mark, the backslash, control characters). The output is JSON, never HTML: a page that shows
/// it encodes it for HTML itself.
/// </summary>
public static class JsonOutput
{
    /// <summary>The encoder: JSON's own escapes only.</summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Writer options with that encoder.</summary>
    public static JsonWriterOptions Options(bool indented = false, bool skipValidation = false) =>
        new() { Indented = indented, SkipValidation = skipValidation, Encoder = Encoder };
}
