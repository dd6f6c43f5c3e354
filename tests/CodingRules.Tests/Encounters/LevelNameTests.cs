using CodingRules.Encounters;
using FsCheck.Xunit;

namespace CodingRules.Tests.Encounters;

public sealed class LevelNameTests
{
    [Theory]
    [InlineData("L4-L5", "L4-L5")]
    [InlineData("L4-5", "L4-L5")]
    [InlineData("l4-5", "L4-L5")]
    [InlineData("c2-3", "C2-C3")]
    [InlineData("T12-1", "T12-T1")]
    [InlineData("  L4 - L5  ", "L4-L5")]
    [InlineData("L4\u20135", "L4-L5")]
    [InlineData("L4\u2014L5", "L4-L5")]
    [InlineData("L4\u20125", "L4-L5")]
    [InlineData("l5\u2013s1", "L5-S1")]
    [InlineData("T12-L1", "T12-L1")]
    [InlineData("L5-S1", "L5-S1")]
    [InlineData("nonsense", "NONSENSE")]
    [InlineData("L4", "L4")]
    [InlineData("L4-", "L4-")]
    [InlineData("4-5", "4-5")]
    [InlineData("L-5", "L-5")]
    [InlineData("L4-5a", "L4-5A")]
    [InlineData("L4-5-6", "L4-5-6")]
    [InlineData("", "")]
    [InlineData(" \t ", "")]
    public void LevelNamesAreNormalised(string documented, string normal)
    {
        Assert.Equal(normal, LevelName.Normalize(documented));
    }

    [Fact]
    public void ANormalNameIsReturnedAsTheSameInstance()
    {
        string level = "L4-L5";

        Assert.Same(level, LevelName.Normalize(level));
    }

    [Fact]
    public void LongTextIsNormalisedToo()
    {
        string level = new string('x', 500) + "4-5";

        Assert.Equal(new string('X', 500) + "4-" + new string('X', 500) + "5", LevelName.Normalize(level));
    }

    [Fact]
    public void NullIsTheEmptyName()
    {
        Assert.Equal(string.Empty, LevelName.Normalize(null!));
    }

    [Property(MaxTest = 500)]
    public bool NormalisingTwiceChangesNothing(string text)
    {
        string once = LevelName.Normalize(text);
        return LevelName.Normalize(once) == once;
    }

    [Fact]
    public void TheReaderNormalisesJointLevels()
    {
        var result = EncounterReaderTests.Read("""
            {"id":"E-1","dateOfService":"2024-09-18","procedures":[{"kind":"k","joints":[{"level":" c2–3 ","side":"right"}]}]}
            """);

        Assert.Equal("C2-C3", result.Encounter!.Procedures[0].Joints[0].Level);
    }
}
