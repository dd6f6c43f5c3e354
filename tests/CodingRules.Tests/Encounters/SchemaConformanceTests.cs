using System.Text.Json;
using CodingRules.Encounters;
using NJsonSchema;

namespace CodingRules.Tests.Encounters;

/// <summary>
/// The reader and the published schemas must agree. Each case in <c>Conformance/</c> is named
/// <c>valid-*.json</c> or <c>invalid-CR5xxx-*.json</c>; the reader and NJsonSchema must both reach that verdict,
/// and the reader must report that id. Rules JSON Schema cannot state (duplicate properties, the byte and depth
/// limits) are covered by <see cref="EncounterReaderTests"/> and <see cref="EncounterReaderHostileInputTests"/>.
/// </summary>
public sealed class SchemaConformanceTests
{
    private static readonly Lazy<Task<JsonSchema>> EncounterSchema = new(() => JsonSchema.FromFileAsync(EncounterTestPaths.EncounterSchema));
    private static readonly Lazy<Task<JsonSchema>> ResultSchema = new(() => JsonSchema.FromFileAsync(EncounterTestPaths.ResultSchema));

    public static TheoryData<string> Cases => new(CaseNames());

    private static List<string> CaseNames() =>
        [.. Directory.GetFiles(EncounterTestPaths.ConformanceCases, "*.json").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    [Fact]
    public void TheConformanceFolderHoldsEnoughValidAndInvalidCases()
    {
        var names = CaseNames();

        Assert.True(names.Count >= 20, $"{names.Count} cases");
        Assert.Contains(names, n => n.StartsWith("valid-", StringComparison.Ordinal));
        Assert.All(names, n => Assert.Matches("^(valid-|invalid-CR500[1-9]-)[a-z0-9-]+\\.json$", n));
        for (int id = 1; id <= 8; id++)
        {
            Assert.Contains(names, n => n.StartsWith($"invalid-CR500{id}-", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TheReaderAndTheSchemaReachTheSameVerdict(string caseName)
    {
        byte[] bytes = await File.ReadAllBytesAsync(Path.Combine(EncounterTestPaths.ConformanceCases, caseName));
        bool expectValid = caseName.StartsWith("valid-", StringComparison.Ordinal);

        var read = EncounterReader.Read(bytes);
        bool schemaValid = await IsValidPerSchema(await EncounterSchema.Value, System.Text.Encoding.UTF8.GetString(bytes));

        Assert.Equal(expectValid, read.IsValid);
        Assert.Equal(expectValid, schemaValid);
        if (!expectValid)
        {
            Assert.Contains(caseName.Split('-')[1], read.Errors.Select(e => e.Id));
        }
    }

    [Fact]
    public async Task WrittenResultsConformToTheResultSchema()
    {
        var schema = await ResultSchema.Value;

        Assert.Empty(schema.Validate(ResultJsonWriterTests.ToJson(ResultJsonWriterTests.SampleCoding())));
        Assert.Empty(schema.Validate(ResultJsonWriterTests.ToJson(ResultJsonWriterTests.SampleError())));
    }

    [Fact]
    public async Task AResultMixingBothShapesDoesNotConform()
    {
        var schema = await ResultSchema.Value;
        string coding = ResultJsonWriterTests.ToJson(ResultJsonWriterTests.SampleCoding());
        string mixed = coding[..^1] + ""","errors":[{"path":"","id":"CR5001","message":"x"}]}""";

        Assert.NotEmpty(schema.Validate(mixed));
        Assert.NotEmpty(schema.Validate("""{"encounterId":"E-1","errors":[]}"""));
    }

    [Fact]
    public async Task TheSchemaStatesTheContractsValuesAndLimits()
    {
        using var schema = JsonDocument.Parse(await File.ReadAllTextAsync(EncounterTestPaths.EncounterSchema));
        var root = schema.RootElement;
        var definitions = root.GetProperty("definitions");
        var properties = definitions.GetProperty("fields").GetProperty("properties"); // the record's fields, required at the root
        var procedure = definitions.GetProperty("procedure").GetProperty("properties");
        var joint = definitions.GetProperty("joint").GetProperty("properties");
        var nerve = definitions.GetProperty("nerve").GetProperty("properties");
        var history = definitions.GetProperty("historyEntry").GetProperty("properties");
        var priorAuthorization = properties.GetProperty("priorAuthorization").GetProperty("properties");

        Assert.Equal(EncounterContract.Techniques, Enum(procedure.GetProperty("technique")));
        Assert.Equal(EncounterContract.ImagingModes, Enum(procedure.GetProperty("imaging")));
        Assert.Equal(EncounterContract.Purposes, Enum(procedure.GetProperty("purpose")));
        Assert.Equal(EncounterContract.Sides, Enum(procedure.GetProperty("side")));
        Assert.Equal(EncounterContract.Sides, Enum(joint.GetProperty("side")));
        Assert.Equal(EncounterContract.Sides, Enum(nerve.GetProperty("side")));
        Assert.Equal(EncounterContract.Purposes, Enum(history.GetProperty("purpose")));
        Assert.Equal(EncounterContract.Techniques, Enum(history.GetProperty("technique")));
        Assert.Equal(EncounterContract.PriorAuthorizationStatuses, Enum(priorAuthorization.GetProperty("status")));

        Assert.Equal(EncounterContract.MaxIdLength, properties.GetProperty("id").GetProperty("maxLength").GetInt32());
        Assert.Equal(EncounterContract.MaxLevelLength, joint.GetProperty("level").GetProperty("maxLength").GetInt32());
        Assert.Equal(EncounterContract.MaxProcedures, properties.GetProperty("procedures").GetProperty("maxItems").GetInt32());
        Assert.Equal(EncounterContract.MaxDiagnoses, properties.GetProperty("diagnoses").GetProperty("maxItems").GetInt32());
        Assert.Equal(EncounterContract.MaxBilledLines, properties.GetProperty("billed").GetProperty("maxItems").GetInt32());
        Assert.Equal(EncounterContract.MaxJoints, procedure.GetProperty("joints").GetProperty("maxItems").GetInt32());
        Assert.Equal(EncounterContract.MaxNerveLength, nerve.GetProperty("nerve").GetProperty("maxLength").GetInt32());
        Assert.Equal(EncounterContract.MaxNerves, procedure.GetProperty("nerves").GetProperty("maxItems").GetInt32());
        Assert.Equal(EncounterContract.MaxHistoryEntries, properties.GetProperty("history").GetProperty("maxItems").GetInt32());
        Assert.Equal(EncounterContract.MaxJoints, history.GetProperty("joints").GetProperty("maxItems").GetInt32());
        Assert.Equal(EncounterContract.MaxNerves, history.GetProperty("nerves").GetProperty("maxItems").GetInt32());
        Assert.Equal(EncounterContract.MinReliefPercent, history.GetProperty("reliefPercent").GetProperty("minimum").GetDouble());
        Assert.Equal(EncounterContract.MaxReliefPercent, history.GetProperty("reliefPercent").GetProperty("maximum").GetDouble());
        Assert.Equal(EncounterContract.MinReliefDurationMonths, history.GetProperty("reliefDurationMonths").GetProperty("minimum").GetDouble());
        Assert.Equal(
            EncounterContract.MinUnits,
            definitions.GetProperty("billedLine").GetProperty("properties").GetProperty("units").GetProperty("minimum").GetInt32());
    }

    private static string[] Enum(JsonElement property) =>
        [.. property.GetProperty("enum").EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).Select(v => v.GetString()!)];

    private static Task<bool> IsValidPerSchema(JsonSchema schema, string json)
    {
        try
        {
            return Task.FromResult(schema.Validate(json).Count == 0);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // NJsonSchema parses the text first; text that is not JSON is not valid against any schema.
            return Task.FromResult(false);
        }
    }
}
