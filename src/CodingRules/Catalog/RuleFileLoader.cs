using CodingRules.Diagnostics;
using CodingRules.Loading;
using CodingRules.Model;
using CodingRules.Testing;
using CodingRules.Text;

namespace CodingRules.Catalog;

/// <summary>Finds rule and test files and loads one file through the stages: read, YAML, schema, compile.</summary>
internal static class RuleFileLoader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static IEnumerable<string> FindFiles(IEnumerable<string> paths, DiagnosticBag bag)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .ToList();
                if (found.Count == 0)
                {
                    bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1012_NoRuleFiles, SourceLocation.Start(path), path));
                }

                files.UnionWith(found);
            }
            else
            {
                bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1013_PathNotFound, SourceLocation.Start(path), path));
            }
        }

        return files;
    }

    /// <summary>True for <c>*.tests.yaml</c> (and .yml, .json).</summary>
    public static bool IsTestFile(string path) =>
        Path.GetFileNameWithoutExtension(path).EndsWith(".tests", StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads a rule set or a test file; null when it has errors (reported in <paramref name="bag"/>).</summary>
    public static object? LoadFile(string path, DiagnosticBag bag)
    {
        string content;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > LoadLimits.MaxFileBytes)
            {
                bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1009_InputLimit, SourceLocation.Start(path), $"the file is larger than {LoadLimits.MaxFileBytes} bytes"));
                return null;
            }

            content = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bag.Add(Diagnostic.Create(DiagnosticDescriptors.CR1002_FileUnreadable, SourceLocation.Start(path), e.Message));
            return null;
        }

        return LoadText(SourceText.From(path, content), bag);
    }

    /// <summary>Loads from text already in memory (tests and hosts that hold rules elsewhere use this too).</summary>
    public static object? LoadText(SourceText source, DiagnosticBag bag)
    {
        var local = new DiagnosticBag();
        var root = YamlDocumentReader.Read(source, local);
        if (root is null)
        {
            bag.AddRange(local.ToSortedArray());
            return null;
        }

        object? result = null;
        if (root is DocMapping map && map["tests"] is not null && map["ruleSet"] is null)
        {
            SchemaValidator.RuleSetTests.Validate(root, local);
            result = RuleTestFile.Read(map, local);
        }
        else if (root is DocMapping ruleMap && ruleMap["ruleSet"] is not null)
        {
            SchemaValidator.RuleSet.Validate(root, local);
            result = RuleSetCompiler.Compile(ruleMap, source, local);
        }
        else
        {
            local.Add(Diagnostic.Create(DiagnosticDescriptors.CR4014_ReservedName, root.Span));
        }

        bag.AddRange(local.ToSortedArray());
        return local.HasErrors ? null : result;
    }
}
