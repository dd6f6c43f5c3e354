namespace CodingRules.Language;

/// <summary>A read-only list of runtime values; fact hosts implement it over their own arrays without copying.</summary>
public interface IValueList
{
    /// <summary>Number of elements.</summary>
    int Count { get; }

    /// <summary>The element at <paramref name="index"/>.</summary>
    Value this[int index] { get; }
}
