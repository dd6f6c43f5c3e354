using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CodingRules.Tests.Diff;

/// <summary>
/// Writes <c>examples/encounters-sample.ndjson</c>: varied encounters for impact replay (kinds, regions, levels,
/// sides, techniques, imaging, dates 2009-2025, payers, diagnoses and history), from a fixed seed so that the file
/// is the same on every run, plus two bad records that a replay must report and skip.
/// </summary>
internal static class EncounterSample
{
    public const int Count = 1200;

    public static string FilePath => Path.Combine(RepositoryRoot.Path, "examples", "encounters-sample.ndjson");

    private static readonly string[] Payers =
    [
        "medicare-noridian-jf", "medicare-noridian-jf", "medicare-noridian-jf", "medicare-noridian-jf",
        "medicare-cgs", "medicare-cgs", "medicare-noridian-je", "medicare-palmetto", "medicare-wps", "evicore", "commercial-acme",
    ];

    private static readonly Dictionary<string, string[]> Levels = new()
    {
        ["cervical"] = ["C2-C3", "C3-C4", "C4-C5", "C5-C6", "C6-C7", "C7-T1"],
        ["thoracic"] = ["T4-T5", "T5-T6", "T6-T7", "T7-T8", "T10-T11", "T11-T12", "T12-L1"],
        ["lumbar"] = ["L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1"],
    };

    private static readonly Dictionary<string, string> Diagnosis = new() { ["cervical"] = "M47.812", ["thoracic"] = "M47.814", ["lumbar"] = "M47.816" };

    public static string Generate()
    {
        var random = new Random(20251127);
        var text = new StringBuilder();
        for (var i = 1; i <= Count; i++)
        {
            text.Append(i switch
            {
                // Two bad records, reported and skipped by a replay: no date of service, and a line that is not JSON.
                417 => $$"""{"id":"S-{{i:D4}}","payer":"medicare-noridian-jf","procedures":[{"kind":"facet-joint-injection","joints":[{"level":"L4-L5","side":"left"}]}]}""",
                833 => $$"""{"id":"S-{{i:D4}}","dateOfService":"2022-03-01","procedures":[""",
                _ => Encounter(random, i),
            }).Append('\n');
        }

        return text.ToString();
    }

    private static string Encounter(Random r, int number)
    {
        var date = new DateOnly(2009, 1, 1).AddDays(r.Next(17 * 365));
        var region = Pick(r, ["lumbar", "lumbar", "lumbar", "cervical", "cervical", "thoracic"]);
        var kind = r.Next(10) switch { < 5 => "facet-joint-destruction", < 9 => "facet-joint-injection", _ => "sacroiliac-joint-destruction" };
        var payer = r.Next(12) == 0 ? null : Pick(r, Payers);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", $"S-{number:D4}");
            w.WriteString("dateOfService", Iso(date));
            if (payer is not null)
            {
                w.WriteString("payer", payer);
            }

            w.WriteString("placeOfService", Pick(r, ["11", "22", "24"]));
            w.WriteStartArray("diagnoses");
            foreach (var d in r.Next(10) switch { < 7 => new[] { Diagnosis[region] }, < 9 => ["M54.50"], _ => [] })
            {
                w.WriteStringValue(d);
            }

            w.WriteEndArray();
            var joints = Joints(r, region);
            History(r, w, date, joints);
            w.WriteStartArray("procedures");
            w.WriteStartObject();
            w.WriteString("kind", kind);
            if (kind == "sacroiliac-joint-destruction")
            {
                w.WriteString("technique", "radiofrequency");
                w.WriteNumber("temperatureCelsius", 80 + r.Next(10));
                w.WriteString("imaging", Pick(r, ["fluoroscopy", "ct"]));
                w.WriteString("side", Pick(r, ["left", "right", "bilateral"]));
            }
            else
            {
                if (kind == "facet-joint-destruction")
                {
                    w.WriteString("technique", r.Next(10) switch { < 8 => "radiofrequency", 8 => "pulsed-radiofrequency", _ => "cryoablation" });
                    w.WriteNumber("temperatureCelsius", r.Next(8) == 0 ? 60 + r.Next(15) : 80 + r.Next(11));
                }
                else
                {
                    w.WriteString("purpose", Pick(r, ["diagnostic", "diagnostic", "therapeutic"]));
                }

                w.WriteString("imaging", r.Next(10) switch { < 7 => "fluoroscopy", < 9 => "ct", _ => "ultrasound" });
                WriteJoints(w, "joints", joints);
            }

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>1 to 4 neighbouring levels of one region, mostly on one side, sometimes bilateral or mixed.</summary>
    private static List<(string Level, string Side)> Joints(Random r, string region)
    {
        var levels = Levels[region];
        var n = r.Next(10) switch { < 4 => 1, < 7 => 2, < 9 => 3, _ => 4 };
        n = Math.Min(n, levels.Length);
        var start = r.Next(levels.Length - n + 1);
        var side = Pick(r, ["left", "right", "bilateral"]);
        var mixed = r.Next(5) == 0;
        return [.. levels.Skip(start).Take(n).Select(l => (l, mixed ? Pick(r, ["left", "right", "bilateral"]) : side))];
    }

    /// <summary>0 to 3 earlier procedures: diagnostic blocks and earlier ablations of some of the same joints.</summary>
    private static void History(Random r, Utf8JsonWriter w, DateOnly date, List<(string Level, string Side)> joints)
    {
        var entries = r.Next(4);
        if (entries == 0)
        {
            return;
        }

        w.WriteStartArray("history");
        for (var i = 0; i < entries; i++)
        {
            w.WriteStartObject();
            w.WriteString("date", Iso(date.AddDays(-(7 + r.Next(900)))));
            var block = r.Next(3) > 0;
            w.WriteString("kind", block ? "facet-joint-injection" : "facet-joint-destruction");
            w.WriteString("purpose", block ? "diagnostic" : "therapeutic");
            if (!block)
            {
                w.WriteString("technique", "radiofrequency");
            }

            WriteJoints(w, "joints", [.. joints.Where((_, k) => k == 0 || r.Next(3) > 0)]);
            w.WriteNumber("reliefPercent", 30 + (r.Next(14) * 5));
            w.WriteNumber("reliefDurationMonths", block ? 0.1 : r.Next(2, 13));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteJoints(Utf8JsonWriter w, string name, List<(string Level, string Side)> joints)
    {
        w.WriteStartArray(name);
        foreach (var (level, side) in joints)
        {
            w.WriteStartObject();
            w.WriteString("level", level);
            w.WriteString("side", side);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static string Pick(Random r, string[] values) => values[r.Next(values.Length)];

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
