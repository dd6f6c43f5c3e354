using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CodingRules.Catalog;
using CodingRules.Results;
using CodingRules.Tests.Golden;

namespace CodingRules.Tests.Cli;

/// <summary>
/// What <c>codingrules evaluate</c> writes does not move while its path is made faster: the shipped sample's results
/// (JSON, JSON with the trace, text) are the bytes recorded in <c>Cli/Golden/evaluate-output.sha256</c> (a SHA-256
/// per output, written before the output was batched and run over the cores; <c>CODINGRULES_UPDATE_GOLDEN=1</c>
/// rewrites it when the rules are changed on purpose), and on a generated corpus the tool, on several threads, writes
/// byte for byte what the library gives record by record through one fresh writer each.
/// </summary>
public sealed partial class EvaluateOutputGoldenTests : IDisposable
{
    private const string Sample = "examples/encounters-sample.ndjson";

    private static readonly string GoldenFile = Path.Combine(GoldenPaths.RepositoryRoot, "tests", "CodingRules.Tests", "Cli", "Golden", "evaluate-output.sha256");

    private static readonly (string Name, string[] Args)[] Outputs =
    [
        ("json", ["evaluate", Sample, "--rules", "rules"]),
        ("json-explain", ["evaluate", Sample, "--rules", "rules", "--explain", "--format", "json"]),
        ("text", ["evaluate", Sample, "--rules", "rules", "--format", "text"]),
    ];

    private readonly string _temp = Directory.CreateTempSubdirectory("codingrules-golden-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void TheShippedSampleGivesTheRecordedBytes()
    {
        var actual = new StringBuilder();
        foreach (var (name, args) in Outputs)
        {
            var run = CliProcess.Run(null, args);
            Assert.True(run.ExitCode is 0 or 1, run.ToString());
            actual.Append(Invariant($"{name} {Sha256(run.Out)} {run.Out.Length}\n"));
        }

        if (GoldenPaths.UpdateGolden)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(GoldenFile)!);
            File.WriteAllText(GoldenFile, actual.ToString());
        }

        Assert.Equal(File.ReadAllText(GoldenFile).ReplaceLineEndings("\n"), actual.ToString());
    }

    [Fact]
    public void OnAGeneratedCorpusTheToolWritesWhatTheLibraryGivesRecordByRecord()
    {
        var records = GeneratedCorpus(4000);
        var file = Path.Combine(_temp, "generated.ndjson");
        File.WriteAllLines(file, records);

        var (catalog, diagnostics) = RuleCatalog.Load([GoldenPaths.ShippedRules], includeTests: false);
        Assert.DoesNotContain(diagnostics, d => d.Severity == Diagnostics.DiagnosticSeverity.Error);
        var expected = new StringBuilder();
        foreach (var record in records)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, CodingRules.Text.JsonOutput.Options(skipValidation: false)))
            {
                ResultJsonWriter.Write(writer, catalog.Evaluate(Encoding.UTF8.GetBytes(record)));
            }

            expected.Append(Encoding.UTF8.GetString(stream.ToArray())).Append('\n');
        }

        foreach (var threads in new[] { "1", "4" })
        {
            var run = CliProcess.Run(null, "evaluate", file, "--rules", GoldenPaths.ShippedRules, "--threads", threads);
            Assert.True(run.ExitCode == 1, run.ToString()); // the corpus holds bad records
            Assert.True(expected.ToString() == run.Out, $"--threads {threads}: the tool's output differs from the library's, record by record");
        }
    }

    /// <summary>
    /// What the shipped rules code does not move while the rule model is generalised (issue 14): the results of the
    /// shipped sample, of a generated corpus of 2,000 and of every example encounter, with each rule set's content hash
    /// taken out (a change of composition, say a library of declarations imported, changes every hash and nothing
    /// else), are the bytes recorded in <c>Cli/Golden/evaluate-outcomes.sha256</c>.
    /// </summary>
    [Fact]
    public void TheCodingOutcomesAreTheRecordedOnesWhateverTheContentHashes()
    {
        var (catalog, diagnostics) = RuleCatalog.Load([GoldenPaths.ShippedRules], includeTests: false);
        Assert.DoesNotContain(diagnostics, d => d.Severity == Diagnostics.DiagnosticSeverity.Error);
        var examples = Directory.EnumerateFiles(Path.Combine(GoldenPaths.RepositoryRoot, "examples"), "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(examples);
        var inputs = new List<(string Name, IReadOnlyList<string> Records)>
        {
            ("sample", File.ReadAllLines(Path.Combine(GoldenPaths.RepositoryRoot, Sample)).Where(l => l.Length > 0).ToList()),
            ("generated-2000", GeneratedCorpus(2000)),
        };
        inputs.AddRange(examples.Select(e => ("example " + Path.GetFileName(e), (IReadOnlyList<string>)[File.ReadAllText(e)])));

        var actual = new StringBuilder();
        foreach (var (name, records) in inputs)
        {
            var results = new StringBuilder();
            foreach (var record in records)
            {
                using var stream = new MemoryStream();
                using (var writer = new Utf8JsonWriter(stream, CodingRules.Text.JsonOutput.Options()))
                {
                    ResultJsonWriter.Write(writer, catalog.Evaluate(Encoding.UTF8.GetBytes(record)));
                }

                // Note: the files a finding names are made relative to the repository, which may be cloned anywhere.
                var json = Encoding.UTF8.GetString(stream.ToArray()).Replace(GoldenPaths.RepositoryRoot.TrimEnd('/') + "/", string.Empty, StringComparison.Ordinal);
                results.Append(ContentHash().Replace(json, "\"sha256\":\"-\"")).Append('\n');
            }

            var text = results.ToString();
            Assert.DoesNotMatch(ContentHash(), text);
            actual.Append(Invariant($"{name} {Sha256(text)} {text.Length}\n"));
        }

        var golden = Path.Combine(Path.GetDirectoryName(GoldenFile)!, "evaluate-outcomes.sha256");
        if (GoldenPaths.UpdateGolden)
        {
            File.WriteAllText(golden, actual.ToString());
        }

        Assert.Equal(File.ReadAllText(golden).ReplaceLineEndings("\n"), actual.ToString());
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"sha256\":\"[0-9a-f]{64}\"")]
    private static partial System.Text.RegularExpressions.Regex ContentHash();

    /// <summary>
    /// The shipped sample's records with their dates moved by up to two years either way and their ids made unique,
    /// one in fifty cut short (a bad record; the sample's own bad records are kept): other dates reach other versions of the rule sets.
    /// </summary>
    private static List<string> GeneratedCorpus(int count)
    {
        var sample = File.ReadAllLines(Path.Combine(GoldenPaths.RepositoryRoot, Sample)).Where(l => l.Length > 0).ToList();
        var random = new Random(12);
        var records = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var line = sample[random.Next(sample.Count)];
            if (Parse(line) is not { } json)
            {
                records.Add(line); // the sample's own bad records stay as they are
                continue;
            }

            json["id"] = Invariant($"G-{i}");
            if (json["dateOfService"]?.GetValue<string>() is { } date && DateOnly.TryParse(date, System.Globalization.CultureInfo.InvariantCulture, out var d))
            {
                json["dateOfService"] = d.AddDays(random.Next(-730, 731)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            }

            var text = json.ToJsonString();
            records.Add(i % 50 == 49 ? text[..(text.Length / 2)] : text);
        }

        return records;
    }

    private static System.Text.Json.Nodes.JsonObject? Parse(string line)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(line) as System.Text.Json.Nodes.JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
