using System.Text.RegularExpressions;
using CodingRules.Tests.Golden;

namespace CodingRules.Tests.Architecture;

/// <summary>
/// Keeps the architecture of STYLE.md: rules are data (no procedure code or modifier in the engine's source) and
/// the stages form layers (a stage never uses a later one; evaluation does not parse).
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>The stages of src/CodingRules in pipeline order; each may use only the stages before it.</summary>
    private static readonly string[] Stages =
        ["Text", "Diagnostics", "Encounters", "Results", "Loading", "Composition", "Language", "Model", "Evaluation", "Testing", "Diff", "Catalog", "Linting", "Formatting"];

    /// <summary>
    /// Violations reported to the lead and tolerated until fixed ("Stage -> UsedStage in file"). The test fails when a
    /// new one appears and when a listed one is gone, so the list stays true.
    /// </summary>
    private static readonly HashSet<string> KnownLayerViolations = new(StringComparer.Ordinal)
    {
    };

    [Fact]
    public void TheEngineCodeNamesNoProcedureCodeOrModifier()
    {
        var offenders = SourceFiles()
            .SelectMany(f => Lines(f).Select((l, i) => (File: f, Line: i + 1, Text: StripComment(l))))
            .Where(l => ProcedureCode().IsMatch(l.Text) || ModifierLiteral().IsMatch(l.Text))
            .Select(l => $"{Relative(l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Domain codes in engine code:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void TheEngineCommentsNameNoProcedureCodeEither()
    {
        var offenders = SourceFiles()
            .SelectMany(f => Lines(f).Select((l, i) => (File: f, Line: i + 1, Text: l)))
            .Where(l => ProcedureCode().IsMatch(l.Text))
            .Select(l => $"{Relative(l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Domain codes in engine comments:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void EveryFolderOfTheEngineIsAKnownStage()
    {
        var folders = Directory.EnumerateDirectories(EngineRoot)
            .Select(Path.GetFileName)
            .Where(n => n is not ("bin" or "obj"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(Stages.Order(StringComparer.Ordinal), folders);
    }

    [Fact]
    public void NoStageUsesALaterStage()
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in SourceFiles().Where(f => f.StartsWith(EngineRoot, StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(EngineRoot, file).Replace('\\', '/');
            var stage = relative.Split('/')[0];
            var rank = Array.IndexOf(Stages, stage);
            if (rank < 0)
            {
                continue; // top-level files of the project; EveryFolderOfTheEngineIsAKnownStage covers folders
            }

            foreach (var used in UsedStages(File.ReadAllText(file)))
            {
                var usedRank = Array.IndexOf(Stages, used);
                if (used != stage && (usedRank < 0 || usedRank > rank))
                {
                    violations.Add($"{stage} -> {used} in {relative}");
                }
            }
        }

        var unexpected = violations.Except(KnownLayerViolations).ToList();
        var fixedOnes = KnownLayerViolations.Except(violations).ToList();
        Assert.True(unexpected.Count == 0, "A stage uses a later stage:\n" + string.Join('\n', unexpected));
        Assert.True(fixedOnes.Count == 0, "Fixed; remove from KnownLayerViolations:\n" + string.Join('\n', fixedOnes));
    }

    [Theory]
    [InlineData("Text")]
    [InlineData("Diagnostics", "Text")]
    [InlineData("Loading", "Text", "Diagnostics")]
    [InlineData("Composition", "Text", "Diagnostics", "Loading")]
    [InlineData("Language", "Text", "Diagnostics")]
    public void TheLowerStagesUseOnlyWhatTheyMust(string stage, params string[] allowed)
    {
        var used = StageFiles(stage).SelectMany(f => UsedStages(File.ReadAllText(f))).Where(u => u != stage).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(used.Except(allowed));
    }

    [Fact]
    public void EvaluationDoesNotParse()
    {
        var used = StageFiles("Evaluation").SelectMany(f => UsedStages(File.ReadAllText(f))).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain("Loading", used);
        Assert.DoesNotContain("Catalog", used);
        Assert.All(StageFiles("Evaluation"), f => Assert.DoesNotContain("YamlDotNet", File.ReadAllText(f), StringComparison.Ordinal));
    }

    /// <summary>The folders (under src/CodingRules) whose code may raise each band of diagnostic ids.</summary>
    private static readonly Dictionary<char, string[]> PhaseOfBand = new()
    {
        ['1'] = ["Loading/"],
        ['2'] = ["Language/Syntax/"],
        ['3'] = ["Language/Checking/", "Language/Functions/", "Language/Passes/"], // names, types and the cost limit
        ['4'] = ["Composition/", "Model/", "Catalog/", "Testing/"],
        ['5'] = ["Encounters/", "Evaluation/Evaluator.cs"], // a record's error result: its input, or its evaluation budget
        ['6'] = ["Linting/"],
    };

    [Fact]
    public void EachDiagnosticIdIsRaisedOnlyByTheCodeOfItsPhase()
    {
        var offenders = new List<string>();
        var used = 0;
        foreach (var file in SourceFiles().Where(f => f.StartsWith(EngineRoot, StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(EngineRoot, file).Replace('\\', '/');
            if (relative.StartsWith("Diagnostics/", StringComparison.Ordinal))
            {
                continue; // the catalog itself
            }

            foreach (Match m in DescriptorReference().Matches(File.ReadAllText(file)))
            {
                used++;
                var band = m.Groups[1].Value[0];
                if (!PhaseOfBand[band].Any(folder => relative.StartsWith(folder, StringComparison.Ordinal)))
                {
                    offenders.Add($"{relative}: {m.Value} (CR{band}xxx belongs to {string.Join(" or ", PhaseOfBand[band])})");
                }
            }
        }

        Assert.True(used > 50, "the scan found the descriptors");
        Assert.True(offenders.Count == 0, "Diagnostic ids raised outside their phase:\n" + string.Join('\n', offenders.Distinct()));
    }

    [Fact]
    public void TheEngineReadsNoClockAndNoRandomness()
    {
        // Note: one exception, outside compilation and evaluation: the file reader compares a file's last write with
        // the time now, to let a file that is being saved settle before it is read (it never affects a result).
        var fileReader = Path.Combine(EngineRoot, "Loading", "RuleFileReader.cs");
        var offenders = SourceFiles()
            .Where(f => f.StartsWith(EngineRoot, StringComparison.Ordinal) && f != fileReader)
            .SelectMany(f => Lines(f).Select((l, i) => (File: f, Line: i + 1, Text: StripComment(l))))
            .Where(l => Ambient().IsMatch(l.Text))
            .Select(l => $"{Relative(l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }

    private static string EngineRoot => Path.Combine(GoldenPaths.Source, "CodingRules") + Path.DirectorySeparatorChar;

    private static IEnumerable<string> StageFiles(string stage) =>
        Directory.EnumerateFiles(Path.Combine(EngineRoot, stage), "*.cs", SearchOption.AllDirectories);

    /// <summary>Every .cs file under src/, without build output.</summary>
    private static List<string> SourceFiles() =>
        [.. Directory.EnumerateFiles(GoldenPaths.Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "obj" or "bin"))
            .Order(StringComparer.Ordinal)];

    /// <summary>The stages named by <c>using CodingRules.X</c> (any form) or a qualified <c>CodingRules.X.</c> name.</summary>
    private static IEnumerable<string> UsedStages(string text) =>
        StageReference().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);

    private static string[] Lines(string file) => File.ReadAllLines(file);

    private static string StripComment(string line)
    {
        var i = line.IndexOf("//", StringComparison.Ordinal);
        return i >= 0 && !line[..i].Contains('"', StringComparison.Ordinal) ? line[..i] : line;
    }

    private static string Relative(string file) => Path.GetRelativePath(GoldenPaths.RepositoryRoot, file).Replace('\\', '/');

    [GeneratedRegex(@"\b6[0-9]{4}\b|\b7700[0-9]\b|\b770[0-9]{2}\b")]
    private static partial Regex ProcedureCode();

    [GeneratedRegex("\"(50|LT|RT|59|XS|F[0-9]|T[0-9])\"")]
    private static partial Regex ModifierLiteral();

    [GeneratedRegex(@"(?<!namespace\s)\bCodingRules\.(Text|Diagnostics|Encounters|Results|Loading|Composition|Language|Model|Evaluation|Testing|Diff|Catalog|Linting|Formatting)\b")]
    private static partial Regex StageReference();

    [GeneratedRegex(@"DiagnosticDescriptors\.CR(\d)\d{3}_\w+")]
    private static partial Regex DescriptorReference();

    [GeneratedRegex(@"\bDateTime(Offset)?\.(Now|UtcNow|Today)\b|\bnew Random\(|\bRandom\.Shared\b|\bEnvironment\.TickCount")]
    private static partial Regex Ambient();
}
