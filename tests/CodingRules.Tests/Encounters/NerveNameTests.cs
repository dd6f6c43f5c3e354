using CodingRules.Encounters;
using FsCheck.Xunit;

namespace CodingRules.Tests.Encounters;

public sealed class NerveNameTests
{
    [Theory]
    [InlineData("L3 medial branch", "L3 medial branch")]
    [InlineData("L3 MB", "L3 medial branch")]
    [InlineData("l3 mb", "L3 medial branch")]
    [InlineData("L3 Mb", "L3 medial branch")]
    [InlineData("l5 DR", "L5 dorsal ramus")]
    [InlineData("C3 dr", "C3 dorsal ramus")]
    [InlineData("t12 MB", "T12 medial branch")]
    [InlineData("s1 Lateral Branch", "S1 lateral branch")]
    [InlineData("  L3   Medial\tBranch  ", "L3 medial branch")]
    [InlineData("L3\u00a0MB", "L3 medial branch")]
    [InlineData("L4 \n\r medial branch", "L4 medial branch")]
    [InlineData("Third occipital nerve", "third occipital nerve")]
    [InlineData("THIRD OCCIPITAL NERVE", "third occipital nerve")]
    [InlineData("Third MB", "third medial branch")]
    [InlineData("L3 MB nerve", "L3 mb nerve")]
    [InlineData("L3 MB DR", "L3 mb dr")]
    [InlineData("L3MB", "l3mb")]
    [InlineData("MB", "mb")]
    [InlineData("L3", "L3")]
    [InlineData("l", "l")]
    [InlineData("L3-L4 MB", "l3-l4 medial branch")]
    [InlineData("L3\u2013L4 MB", "l3-l4 medial branch")]
    [InlineData("sinu\u2014vertebral nerve", "sinu-vertebral nerve")]
    [InlineData("genicular\u2212superomedial", "genicular-superomedial")]
    [InlineData("X3 MB", "x3 medial branch")]
    [InlineData("", "")]
    [InlineData(" \t\u00a0 ", "")]
    public void NerveNamesAreNormalised(string documented, string normal)
    {
        Assert.Equal(normal, NerveName.Normalize(documented));
    }

    [Fact]
    public void ANormalNameIsReturnedAsTheSameInstance()
    {
        string nerve = "L3 medial branch";

        Assert.Same(nerve, NerveName.Normalize(nerve));
    }

    [Fact]
    public void LongTextIsNormalisedToo()
    {
        string nerve = "L3 " + new string('X', 500) + "  MB";

        Assert.Equal("L3 " + new string('x', 500) + " mb", NerveName.Normalize(nerve));
        Assert.Equal("L3 medial branch", NerveName.Normalize(new string(' ', 500) + "l3 mb"));
    }

    [Fact]
    public void NullIsTheEmptyName()
    {
        Assert.Equal(string.Empty, NerveName.Normalize(null!));
    }

    [Property(MaxTest = 500)]
    public bool NormalisingTwiceChangesNothing(string text)
    {
        string once = NerveName.Normalize(text);
        return NerveName.Normalize(once) == once;
    }

    [Property(MaxTest = 500)]
    public bool TheNormalFormHasNoOuterOrRepeatedWhiteSpace(string text)
    {
        string normal = NerveName.Normalize(text);
        return normal.Trim() == normal && !normal.Contains("  ", StringComparison.Ordinal) && !normal.Any(c => char.IsWhiteSpace(c) && c != ' ');
    }

    [Fact]
    public void TheReaderNormalisesNerveNames()
    {
        var result = EncounterReaderTests.Read("""
            {"id":"E-1","dateOfService":"2024-09-18","procedures":[{"kind":"k","nerves":[{"nerve":" l3  MB ","side":"right"}]}]}
            """);

        Assert.Equal("L3 medial branch", result.Encounter!.Procedures[0].Nerves[0].Nerve);
    }
}
