using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CodingRules.Encounters;

namespace CodingRules.Benchmarks;

/// <summary>
/// A fixed, seeded mix of facet joint radiofrequency ablation encounters, built in memory for the benchmarks.
/// One procedure per encounter; 1-4 adjacent joints; about 73 % lumbar, 15 % cervical, 10 % thoracic and 2 %
/// thoracolumbar (spanning two code families); sides bilateral, left, right or mixed per joint; about 5 % with a
/// joint listed twice, 5 % with an extra level that is not a facet joint, 2.5 % pulsed radiofrequency and 2.5 %
/// ultrasound guidance (both reported as unlisted).
/// </summary>
internal static class SyntheticEncounters
{
    /// <summary>How many encounters each benchmark evaluates per invocation.</summary>
    public const int Count = 10_000;

    /// <summary>The seed of the generator, so that every run and every benchmark sees the same encounters.</summary>
    public const int Seed = 42;

    /// <summary>
    /// The SHA-256 of the <see cref="Count"/> encounters as NDJSON (3,537,451 bytes), the encounters docs/performance.md
    /// describes and its figures were measured on; <see cref="CheckUnchanged"/> holds the generator to it.
    /// </summary>
    public const string ReferenceSha256 = "939a40726dab825ca3ba9ecf885259c547906a79b0041c133146156122bd817b";

    public const string ProcedureKind = "facet-joint-destruction";

    private static readonly string[] CervicalLevels = ["C2-C3", "C3-C4", "C4-C5", "C5-C6", "C6-C7", "C7-T1"];
    private static readonly string[] ThoracicLevels =
        ["T1-T2", "T2-T3", "T3-T4", "T4-T5", "T5-T6", "T6-T7", "T7-T8", "T8-T9", "T9-T10", "T10-T11", "T11-T12", "T12-L1"];
    private static readonly string[] LumbarLevels = ["L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1"];
    private static readonly string[] ThoracolumbarLevels = ["T10-T11", "T11-T12", "T12-L1", "L1-L2", "L2-L3"];

    // Documented by mistake or for transitional anatomy; none is a facet joint the rules know.
    private static readonly string[] NotFacetJoints = ["L5-L6", "S1-S2", "C1-C2", "L6-S1", "T12-T13"];

    private static readonly string[] PlacesOfService = ["24", "22", "11"];
    private static readonly double[] LesionTemperatures = [80, 85, 90];

    /// <summary>Builds <see cref="Count"/> encounters from <see cref="Seed"/>; the same array on every call.</summary>
    public static Encounter[] Create() => Create(Count);

    /// <summary>
    /// Builds <paramref name="count"/> encounters from <see cref="Seed"/>. The generator draws each encounter after the
    /// one before, so any count starts with the same encounters: the first <see cref="Count"/> of a larger corpus are
    /// the benchmarks' 10,000 (ids are numbered from enc-00001, with more digits past 99,999).
    /// </summary>
    public static Encounter[] Create(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(Seed);
        var encounters = new Encounter[count];
        var firstDay = new DateOnly(2024, 1, 1);
        for (var i = 0; i < encounters.Length; i++)
        {
            var (levels, diagnosis) = random.NextDouble() switch
            {
                < 0.73 => (LumbarLevels, "M47.816"),
                < 0.88 => (CervicalLevels, "M47.812"),
                < 0.98 => (ThoracicLevels, "M47.814"),
                _ => (ThoracolumbarLevels, "M47.815"),
            };
            var procedure = CreateProcedure(random, levels);
            encounters[i] = new Encounter(
                string.Create(CultureInfo.InvariantCulture, $"enc-{i + 1:D5}"),
                firstDay.AddDays(random.Next(730)),
                random.NextDouble() < 0.6 ? "medicare" : null,
                PlacesOfService[random.Next(PlacesOfService.Length)],
                [diagnosis],
                [procedure],
                []);
        }

        return encounters;
    }

    /// <summary>The encounters as NDJSON (one compact record per line, in the input contract's shape).</summary>
    public static byte[] ToNdjson(IEnumerable<Encounter> encounters)
    {
        using var output = new MemoryStream(Count * 400);
        WriteNdjson(output, encounters);
        return output.ToArray();
    }

    /// <summary>Writes the encounters to <paramref name="output"/> as NDJSON, the same bytes as <see cref="ToNdjson"/>.</summary>
    public static void WriteNdjson(Stream output, IEnumerable<Encounter> encounters)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 17);
        using var json = new Utf8JsonWriter(buffer);
        foreach (var encounter in encounters)
        {
            WriteEncounter(json, encounter);
            json.Flush();
            json.Reset();
            buffer.Write("\n"u8);
            if (buffer.WrittenCount >= 1 << 16)
            {
                output.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }

        output.Write(buffer.WrittenSpan);
    }

    /// <summary>
    /// Fails unless <see cref="Create()"/> still gives the encounters every published figure was measured on (their
    /// NDJSON hashes to <see cref="ReferenceSha256"/>), and a larger corpus still starts with them.
    /// </summary>
    public static void CheckUnchanged(Encounter[] corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var reference = Create();
        var hash = Convert.ToHexStringLower(SHA256.HashData(ToNdjson(reference)));
        if (hash != ReferenceSha256)
        {
            throw new InvalidOperationException(
                $"The {Count:N0} synthetic encounters changed (NDJSON sha256 {hash}, expected {ReferenceSha256}); the published figures were measured on the old ones.");
        }

        var prefix = corpus.Length < Count ? corpus : corpus[..Count];
        if (!ToNdjson(prefix).AsSpan().SequenceEqual(ToNdjson(reference.Take(prefix.Length))))
        {
            throw new InvalidOperationException($"A corpus of {corpus.Length:N0} encounters does not start with the benchmarks' encounters.");
        }
    }

    private static Procedure CreateProcedure(Random random, string[] levels)
    {
        var count = random.NextDouble() switch
        {
            < 0.20 => 1,
            < 0.55 => 2,
            < 0.85 => 3,
            _ => 4,
        };
        var start = random.Next(levels.Length - count + 1);
        var sidePattern = random.NextDouble();
        var joints = ImmutableArray.CreateBuilder<JointTarget>(count + 2);
        for (var j = 0; j < count; j++)
        {
            var side = sidePattern switch
            {
                < 0.50 => Side.Bilateral,
                < 0.70 => Side.Left,
                < 0.90 => Side.Right,
                _ => (Side)random.Next(3),
            };
            joints.Add(new JointTarget(levels[start + j], side));
        }

        if (random.NextDouble() < 0.05)
        {
            joints.Add(joints[random.Next(joints.Count)]);
        }

        if (random.NextDouble() < 0.05)
        {
            joints.Add(new JointTarget(NotFacetJoints[random.Next(NotFacetJoints.Length)], (Side)random.Next(3)));
        }

        var method = random.NextDouble();
        var pulsed = method < 0.025;
        var ultrasound = method is >= 0.025 and < 0.05;
        return new Procedure(
            SyntheticEncounters.ProcedureKind,
            pulsed ? "pulsed-radiofrequency" : "radiofrequency",
            pulsed ? 42 : LesionTemperatures[random.Next(LesionTemperatures.Length)],
            ultrasound ? "ultrasound" : random.NextDouble() < 0.9 ? "fluoroscopy" : "ct",
            "therapeutic",
            null,
            joints.DrainToImmutable());
    }

    private static void WriteEncounter(Utf8JsonWriter json, Encounter encounter)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, encounter.Id);
        json.WriteString("dateOfService"u8, encounter.DateOfService.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (encounter.Payer is not null)
        {
            json.WriteString("payer"u8, encounter.Payer);
        }

        if (encounter.PlaceOfService is not null)
        {
            json.WriteString("placeOfService"u8, encounter.PlaceOfService);
        }

        json.WriteStartArray("diagnoses"u8);
        foreach (var diagnosis in encounter.Diagnoses)
        {
            json.WriteStringValue(diagnosis);
        }

        json.WriteEndArray();
        json.WriteStartArray("procedures"u8);
        foreach (var procedure in encounter.Procedures)
        {
            WriteProcedure(json, procedure);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteProcedure(Utf8JsonWriter json, Procedure procedure)
    {
        json.WriteStartObject();
        json.WriteString("kind"u8, procedure.Kind);
        json.WriteString("technique"u8, procedure.Technique);
        if (procedure.TemperatureCelsius is { } temperature)
        {
            json.WriteNumber("temperatureCelsius"u8, temperature);
        }

        json.WriteString("imaging"u8, procedure.Imaging);
        json.WriteString("purpose"u8, procedure.Purpose);
        json.WriteStartArray("joints"u8);
        foreach (var joint in procedure.Joints)
        {
            json.WriteStartObject();
            json.WriteString("level"u8, joint.Level);
            json.WriteString("side"u8, SideName(joint.Side));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string SideName(Side side) => side switch
    {
        Side.Left => "left",
        Side.Right => "right",
        _ => "bilateral",
    };
}
