using System.Collections.Immutable;
using System.Text.Json;
using CodingRules.Catalog;
using CodingRules.Diagnostics;
using CodingRules.Results;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CodingRules.Tests.Catalog.CatalogFiles;

namespace CodingRules.Tests.Catalog;

/// <summary>
/// Invariants of the version timeline over generated catalogs of one rule set (1-6 versions with distinct start
/// days, some with an explicit <c>until</c> that ends the day before the next version or leaves a gap): resolution
/// agrees with the periods as the spec defines them; a new version never changes earlier dates; the order files
/// are given in never matters; results are byte-identical.
/// </summary>
public sealed class CatalogProperties
{
    private static readonly DateOnly Epoch = new(2000, 1, 1);

    /// <summary>How a version ends: not written (derived), the day before the next starts, or earlier (a gap).</summary>
    public enum End
    {
        Derived,
        Adjacent,
        Gap,
    }

    /// <summary>One generated version: its label, file name, start, the <c>until</c> written (if any) and its code.</summary>
    public sealed record VersionSpec(string Label, string File, DateOnly From, DateOnly? Until, string Code)
    {
        public override string ToString() => $"{Label} ({File}) {Iso(From)}..{(Until is { } u ? Iso(u) : "")} -> {Code}";
    }

    /// <summary>A generated catalog: versions oldest first (files and labels are in no particular order).</summary>
    public sealed record CatalogSpec(ImmutableArray<VersionSpec> Versions)
    {
        public DateOnly First => Versions[0].From;

        public DateOnly Last => Versions[^1].Until is { } u ? u : Versions[^1].From;

        /// <summary>The period of version <paramref name="i"/> as the spec defines it: written until, else the day before the next starts, else open.</summary>
        public (DateOnly From, DateOnly? Until) Period(int i) =>
            (Versions[i].From, Versions[i].Until ?? (i + 1 < Versions.Length ? Versions[i + 1].From.AddDays(-1) : null));

        public bool InPeriod(int i, DateOnly date) => Period(i) is var (from, until) && date >= from && (until is null || date <= until);

        public override string ToString() => string.Join("; ", Versions);
    }

    private static Gen<CatalogSpec> Catalogs { get; } =
        from n in Gen.Choose(1, 6)
        from steps in Gen.ArrayOf(Gen.Choose(1, 400), n)
        from ends in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(End.Derived)), (2, Gen.Constant(End.Adjacent)), (1, Gen.Constant(End.Gap))), n)
        from lastLength in Gen.Choose(0, 400)
        from seed in Gen.Choose(0, int.MaxValue)
        select Build(steps, ends, lastLength, seed);

    /// <summary>A catalog and a version to add to it (distinct start day, no until, a code of its own).</summary>
    private static Gen<(CatalogSpec Catalog, VersionSpec Added)> CatalogsWithAnAddedVersion { get; } =
        from catalog in Catalogs
        from offset in Gen.Choose(-30, (catalog.Last.DayNumber - catalog.First.DayNumber) + 60)
        let start = catalog.First.AddDays(offset)
        where catalog.Versions.All(v => v.From != start)
        select (catalog, new VersionSpec("added", "added.yaml", start, null, "99999"));

    [Property(MaxTest = 100)]
    public Property EveryCoveredDayHasExactlyTheVersionThePeriodsGive() =>
        Prop.ForAll(Arb.From(Catalogs), spec =>
        {
            using var files = WriteAll(spec.Versions);
            var (catalog, diagnostics) = files.Load();
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                return false.Label("a valid catalog has errors: " + string.Join(" | ", errors));
            }

            for (var date = spec.First.AddDays(-3); date <= spec.Last.AddDays(3); date = date.AddDays(1))
            {
                var day = date;
                var holders = Enumerable.Range(0, spec.Versions.Length).Where(i => spec.InPeriod(i, day)).ToList();
                if (holders.Count > 1)
                {
                    return false.Label($"the generator made an overlap on {Iso(day)}");
                }

                var expected = holders.Count == 1 ? spec.Versions[holders[0]].Label : null;
                var expectedBefore = expected is not null ? null : spec.Versions.Select((v, i) => (v, i)).LastOrDefault(x => spec.Period(x.i).Until is { } u && u < day).v?.Label;
                var expectedAfter = spec.Versions.FirstOrDefault(v => v.From > day)?.Label;
                var resolution = catalog.Resolve("demo", day);
                if (resolution.InForce?.Version != expected)
                {
                    return false.Label($"{Iso(day)}: in force '{resolution.InForce?.Version}', expected '{expected}'");
                }

                if (expected is null && (resolution.Before?.Version != expectedBefore || resolution.After?.Version != expectedAfter))
                {
                    return false.Label($"{Iso(day)}: before/after '{resolution.Before?.Version}'/'{resolution.After?.Version}', expected '{expectedBefore}'/'{expectedAfter}'");
                }

                if (expected is null != (holders.Count == 0) || (expected is null && day >= spec.First && day <= spec.Versions[^1].From && !InAGap(spec, day)))
                {
                    return false.Label($"{Iso(day)}: no version in force outside a gap");
                }
            }

            var periods = catalog.Versions("demo").Select(v => (v.Version, v.Effective.From, v.Effective.Until)).ToList();
            var specPeriods = spec.Versions.Select((v, i) => (v.Label, Period(spec, i).From, Period(spec, i).Until)).ToList();
            return periods.SequenceEqual(specPeriods).Label($"periods {string.Join(", ", periods)} vs {string.Join(", ", specPeriods)}");
        });

    [Property(MaxTest = 100)]
    public Property AddingAVersionNeverChangesResultsBeforeItsStart() =>
        Prop.ForAll(Arb.From(CatalogsWithAnAddedVersion), input =>
        {
            var (spec, added) = input;
            using var without = WriteAll(spec.Versions);
            using var with = WriteAll([.. spec.Versions, added]);
            var (a, _) = without.Load();
            var (b, _) = with.Load();
            foreach (var date in SampleDates(spec, added.From).Where(d => d < added.From))
            {
                // Note: on a day no version covers, E-NO-RULE-SET names the nearest later version, which may be the
                // new one; that clause is the only part allowed to differ.
                var before = WithoutNearestLater(Bytes(a.Evaluate(Encounter(date))));
                var after = WithoutNearestLater(Bytes(b.Evaluate(Encounter(date))));
                if (!before.SequenceEqual(after))
                {
                    return false.Label($"{Iso(date)}:\n{System.Text.Encoding.UTF8.GetString(before)}\n{System.Text.Encoding.UTF8.GetString(after)}");
                }

                if (a.Resolve("demo", date).InForce?.Version != b.Resolve("demo", date).InForce?.Version)
                {
                    return false.Label($"{Iso(date)}: resolution changed");
                }
            }

            return true.ToProperty();
        });

    [Property(MaxTest = 100)]
    public Property TheOrderFilesAreGivenInNeverChangesTheCatalog() =>
        Prop.ForAll(Arb.From(from spec in Catalogs from seed in Gen.Choose(0, int.MaxValue) select (spec, seed)), input =>
        {
            var (spec, seed) = input;
            using var files = WriteAll(spec.Versions);
            var paths = spec.Versions.Select(v => Path.Combine(files.Folder, v.File)).ToList();
            var shuffled = paths.OrderBy(_ => 0).ToArray();
            new Random(seed).Shuffle(shuffled);
            var (a, da) = RuleCatalog.Load(paths);
            var (b, db) = RuleCatalog.Load(shuffled);
            var (c, dc) = files.Load();
            var expected = Describe(a, da, spec);
            return (expected == Describe(b, db, spec)).Label("shuffled paths differ")
                .And((expected == Describe(c, dc, spec)).Label("folder load differs"));
        });

    [Property(MaxTest = 100)]
    public Property TheSameEncounterAndCatalogGiveTheSameBytes() =>
        Prop.ForAll(Arb.From(Catalogs), spec =>
        {
            using var files = WriteAll(spec.Versions);
            var (a, _) = files.Load();
            var (b, _) = files.Load();
            foreach (var date in SampleDates(spec, spec.Last.AddDays(10)))
            {
                var record = Encounter(date);
                var first = Bytes(a.Evaluate(record));
                if (!first.SequenceEqual(Bytes(a.Evaluate(record))) || !first.SequenceEqual(Bytes(b.Evaluate(record))))
                {
                    return false.Label($"{Iso(date)}: bytes differ");
                }
            }

            return true.ToProperty();
        });

    private static CatalogSpec Build(int[] steps, End[] ends, int lastLength, int seed)
    {
        var random = new Random(seed);
        var n = steps.Length;
        var labels = Enumerable.Range(0, n).Select(i => $"r{i}").ToArray();
        var names = Enumerable.Range(0, n).Select(i => $"f{i}.yaml").ToArray();
        random.Shuffle(labels); // Note: labels and file names are in no relation to dates, so nothing may sort by them.
        random.Shuffle(names);
        var froms = new DateOnly[n];
        var day = Epoch;
        for (var i = 0; i < n; i++)
        {
            day = day.AddDays(steps[i]);
            froms[i] = day;
        }

        var versions = ImmutableArray.CreateBuilder<VersionSpec>(n);
        for (var i = 0; i < n; i++)
        {
            DateOnly? until = (ends[i], i + 1 < n) switch
            {
                (End.Derived, _) => null,
                (End.Adjacent, true) => froms[i + 1].AddDays(-1),
                (End.Gap, true) when froms[i + 1].DayNumber - froms[i].DayNumber >= 2 => froms[i].AddDays(random.Next(0, froms[i + 1].DayNumber - froms[i].DayNumber - 1)),
                (_, true) => froms[i + 1].AddDays(-1),
                (_, false) => froms[i].AddDays(lastLength),
            };
            versions.Add(new VersionSpec(labels[i], names[i], froms[i], until, $"1{i:D4}"));
        }

        return new CatalogSpec(versions.MoveToImmutable());
    }

    private static (DateOnly From, DateOnly? Until) Period(CatalogSpec spec, int i) => spec.Period(i);

    private static bool InAGap(CatalogSpec spec, DateOnly date) =>
        Enumerable.Range(0, spec.Versions.Length - 1).Any(i => spec.Period(i).Until is { } u && date > u && date < spec.Versions[i + 1].From);

    private static CatalogFiles WriteAll(IEnumerable<VersionSpec> versions)
    {
        var files = new CatalogFiles();
        foreach (var v in versions)
        {
            files.Write(v.File, Rule("demo", v.Label, v.From, v.Until, code: v.Code));
        }

        return files;
    }

    /// <summary>Dates around every start and end, and up to <paramref name="limit"/>.</summary>
    private static SortedSet<DateOnly> SampleDates(CatalogSpec spec, DateOnly limit)
    {
        var dates = new SortedSet<DateOnly> { spec.First.AddDays(-1), limit.AddDays(-1), limit.AddDays(-2) };
        foreach (var v in spec.Versions)
        {
            dates.UnionWith([v.From.AddDays(-1), v.From, v.From.AddDays(1)]);
            if (v.Until is { } u)
            {
                dates.UnionWith([u, u.AddDays(1)]);
            }
        }

        return dates;
    }

    private static string Describe(RuleCatalog catalog, ImmutableArray<Diagnostic> diagnostics, CatalogSpec spec)
    {
        var versions = catalog.RuleSets.Select(v => $"{v.Id} {v.Version} {v.Effective} {v.UntilDerived} {v.Sha256} {v.Location.Path}");
        var resolutions = SampleDates(spec, spec.Last.AddDays(5)).Select(d => catalog.Resolve("demo", d)).Select(r => $"{r.InForce?.Version}/{r.Before?.Version}/{r.After?.Version}: {r.Explanation}");
        return string.Join("\n", [.. versions, .. diagnostics.Select(d => d.ToString()), .. resolutions]);
    }

    private static byte[] WithoutNearestLater(byte[] json) =>
        System.Text.Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(System.Text.Encoding.UTF8.GetString(json), @"(; )?nearest later: [^)]*\)", string.Empty));

    private static byte[] Bytes(EvaluationResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            ResultJsonWriter.Write(writer, result);
        }

        return stream.ToArray();
    }
}
