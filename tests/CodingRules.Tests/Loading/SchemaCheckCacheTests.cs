using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Loading;
using CodingRules.Tests.Cli;

namespace CodingRules.Tests.Loading;

/// <summary>
/// The schema-check cache: a load with it reports what a load without it reports, skips the check only for a text
/// that passed before, never records a text with a schema diagnostic, and survives any cache file (garbage, foreign,
/// too large, a pipe, a folder in its place, a folder it cannot create) within its bounds. Real files throughout.
/// </summary>
public sealed class SchemaCheckCacheTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("codingrules-cache-").FullName;

    private string Rules => Path.Combine(_temp, "rules");

    private string CacheFolder => Path.Combine(_temp, "cache");

    private string CacheFile => Path.Combine(CacheFolder, "schema-checks");

    private static string Flat => ShippedRules.Flat("cpt-facet-joint-destruction", "2012-01");

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void AFileThatPassedIsRecordedAndTheNextLoadGivesTheSameCatalogAndDiagnostics()
    {
        WriteRule("a.yaml", Flat);
        var (without, withoutDiagnostics) = RuleCatalog.Load([Rules], includeTests: false);

        var (first, firstDiagnostics) = RuleCatalog.Load([Rules], includeTests: false, SchemaCheckCache.Open(CacheFolder));
        var reopened = SchemaCheckCache.Open(CacheFolder);
        Assert.Equal(1, reopened.Count);
        Assert.True(reopened.Passed(SchemaCheckCache.KeyOf("ruleset", File.ReadAllText(Path.Combine(Rules, "a.yaml")))));
        var (second, secondDiagnostics) = RuleCatalog.Load([Rules], includeTests: false, reopened);

        Assert.Equal(Describe(withoutDiagnostics), Describe(firstDiagnostics));
        Assert.Equal(Describe(withoutDiagnostics), Describe(secondDiagnostics));
        Assert.Equal(without.RuleSets.Select(r => r.Sha256), first.RuleSets.Select(r => r.Sha256));
        Assert.Equal(without.RuleSets.Select(r => r.Sha256), second.RuleSets.Select(r => r.Sha256));
        Assert.Single(second.RuleSets);
    }

    [Fact]
    public void AFileWithASchemaDiagnosticIsNeverRecordedAndReportsItEveryTime()
    {
        WriteRule("a.yaml", Flat + "\nnotAProperty: 1\n");
        var expected = Describe(RuleCatalog.Load([Rules], includeTests: false).Diagnostics);
        Assert.Contains("CR1004", expected, StringComparison.Ordinal);
        for (var i = 0; i < 2; i++)
        {
            var (_, diagnostics) = RuleCatalog.Load([Rules], includeTests: false, SchemaCheckCache.Open(CacheFolder));
            Assert.Equal(expected, Describe(diagnostics));
        }

        Assert.Equal(0, SchemaCheckCache.Open(CacheFolder).Count);
    }

    [Fact]
    public void AFileChangedAfterItPassedIsCheckedAgain()
    {
        WriteRule("a.yaml", Flat);
        RuleCatalog.Load([Rules], includeTests: false, SchemaCheckCache.Open(CacheFolder));
        WriteRule("a.yaml", Flat + "\nnotAProperty: 1\n");

        var (_, diagnostics) = RuleCatalog.Load([Rules], includeTests: false, SchemaCheckCache.Open(CacheFolder));

        Assert.Contains(diagnostics, d => d.Descriptor.Id == "CR1004");
    }

    [Fact]
    public void OnlyTheSchemaCheckIsSkippedForARecordedText()
    {
        // The trust the cache asks for: its folder is its owner's (0700). A text recorded as passed is not checked
        // against the schema again; everything else about it still is.
        var text = Flat + "\nnotAProperty: 1\n";
        WriteRule("a.yaml", text);
        var planted = SchemaCheckCache.Open(CacheFolder);
        planted.Add(SchemaCheckCache.KeyOf("ruleset", File.ReadAllText(Path.Combine(Rules, "a.yaml"))));
        planted.Save();

        var (catalog, diagnostics) = RuleCatalog.Load([Rules], includeTests: false, SchemaCheckCache.Open(CacheFolder));

        Assert.DoesNotContain(diagnostics, d => d.Descriptor.Id == "CR1004");
        Assert.Single(catalog.RuleSets);
        WriteRule("b.yaml", Flat.Replace("version: 2012-01", "version: 2012-02", StringComparison.Ordinal) + "\nchecks: 3\n");
        var (_, again) = RuleCatalog.Load([Rules], includeTests: false, SchemaCheckCache.Open(CacheFolder));
        Assert.Contains(again, d => d.Location.Path.EndsWith("b.yaml", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("foreign")]
    [InlineData("large")]
    [InlineData("pipe")]
    [InlineData("folder")]
    [InlineData("empty")]
    public void AnyCacheFileLoadsCorrectlyAndIsReplacedOrLeftAlone(string kind)
    {
        WriteRule("a.yaml", Flat);
        var expected = Describe(RuleCatalog.Load([Rules], includeTests: false).Diagnostics);
        Directory.CreateDirectory(CacheFolder);
        var entry = SchemaCheckCache.KeyOf("ruleset", File.ReadAllText(Path.Combine(Rules, "a.yaml")));
        switch (kind)
        {
            case "garbage":
                File.WriteAllBytes(CacheFile, [0xFF, 0xFE, 0, 10, 13, 0x80, .. "\n\n\nzz\n"u8]);
                break;
            case "foreign":
                File.WriteAllText(CacheFile, $"codingrules schema-checks v1 0123456789abcdef0123456789abcdef\n{entry}\n");
                break;
            case "large":
                File.WriteAllText(CacheFile, Header() + "\n" + string.Concat(Enumerable.Repeat(entry + "\n", 20_000)));
                break;
            case "pipe":
                if (OperatingSystem.IsWindows())
                {
                    return;
                }

                using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", CacheFile))
                {
                    mkfifo.WaitForExit();
                    Assert.Equal(0, mkfifo.ExitCode);
                }

                break;
            case "folder":
                Directory.CreateDirectory(CacheFile);
                break;
            case "empty":
                File.WriteAllText(CacheFile, string.Empty);
                break;
        }

        // "foreign" holds the entry under another build's header: it must not count.
        var cache = SchemaCheckCache.Open(CacheFolder);
        Assert.Equal(0, cache.Count);
        var (catalog, diagnostics) = RuleCatalog.Load([Rules], includeTests: false, cache);

        Assert.Equal(expected, Describe(diagnostics));
        Assert.Single(catalog.RuleSets);
        var after = SchemaCheckCache.Open(CacheFolder);
        Assert.Equal(kind is "folder" ? 0 : 1, after.Count); // a pipe is renamed over; a folder is not
        Assert.DoesNotContain(Directory.GetFiles(CacheFolder), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void AFolderThatCannotBeCreatedLeavesLoadingAsItIs()
    {
        File.WriteAllText(Path.Combine(_temp, "a-file"), "x");
        WriteRule("a.yaml", Flat);
        var cache = SchemaCheckCache.Open(Path.Combine(_temp, "a-file", "cache"));

        var (catalog, diagnostics) = RuleCatalog.Load([Rules], includeTests: false, cache);

        Assert.Single(catalog.RuleSets);
        Assert.Equal(Describe(RuleCatalog.Load([Rules], includeTests: false).Diagnostics), Describe(diagnostics));
    }

    [Fact]
    public void AtMostMaxEntriesAreKeptTheNewestLast()
    {
        var cache = SchemaCheckCache.Open(CacheFolder);
        for (var i = 0; i < SchemaCheckCache.MaxEntries; i++)
        {
            cache.Add(SchemaCheckCache.KeyOf("test", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        cache.Save();
        var full = SchemaCheckCache.Open(CacheFolder);
        Assert.Equal(SchemaCheckCache.MaxEntries, full.Count);
        var newest = SchemaCheckCache.KeyOf("test", "newest");
        full.Add(newest);
        full.Save();

        var lines = File.ReadAllLines(CacheFile);
        Assert.Equal(SchemaCheckCache.MaxEntries + 1, lines.Length);
        Assert.Equal(newest, lines[^1]);
        Assert.True(new FileInfo(CacheFile).Length < SchemaCheckCache.MaxFileBytes);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CacheFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(CacheFolder));
        }
    }

    [Fact]
    public void TheCommandLineUsesTheCacheItsVariableNamesAndNoneWhenItSaysOff()
    {
        WriteRule("a.yaml", Flat);
        var off = CliProcess.RunWith(_temp, "off", "validate", Rules);
        Assert.False(File.Exists(CacheFile), off.ToString());

        var first = CliProcess.RunWith(_temp, CacheFolder, "validate", Rules);
        Assert.True(File.Exists(CacheFile), first.ToString());
        var second = CliProcess.RunWith(_temp, CacheFolder, "validate", Rules);

        Assert.Equal(off.ExitCode, first.ExitCode);
        Assert.Equal(off.Out, first.Out);
        Assert.Equal(off.Out, second.Out);
        Assert.Equal(off.Error, second.Error);
        Assert.Equal(2, File.ReadAllLines(CacheFile).Length);
    }

    private static string Header()
    {
        var folder = Directory.CreateTempSubdirectory("codingrules-cache-header-").FullName;
        try
        {
            var cache = SchemaCheckCache.Open(folder);
            cache.Add(SchemaCheckCache.KeyOf("x", "y"));
            cache.Save();
            return File.ReadAllLines(Path.Combine(folder, "schema-checks"))[0];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => $"{d.Descriptor.Id} {d.Severity} {d.Location} {d.Message}"));

    private void WriteRule(string name, string text)
    {
        Directory.CreateDirectory(Rules);
        var path = Path.Combine(Rules, name);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1)); // settled: the reader waits for a fresh file
    }
}
