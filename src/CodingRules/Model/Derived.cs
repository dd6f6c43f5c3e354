namespace CodingRules.Model;

/// <summary>
/// A value a record derives from its own properties, cached for the instance it was computed for. A copy made with
/// <c>with</c> carries the cache along but is not its owner, so it computes its own value on first use: a derived
/// property never goes stale. Benign races: two threads may compute the same immutable value; either is kept.
/// </summary>
internal sealed class Derived<TOwner, TValue>(TOwner owner, TValue value)
    where TOwner : class
{
    private TOwner Owner { get; } = owner;

    private TValue Value { get; } = value;

    /// <summary>The value for <paramref name="owner"/>, from <paramref name="cache"/> when it was computed for it.</summary>
    public static TValue Get(ref Derived<TOwner, TValue>? cache, TOwner owner, Func<TOwner, TValue> compute)
    {
        var current = cache;
        if (current is not null && ReferenceEquals(current.Owner, owner))
        {
            return current.Value;
        }

        current = new Derived<TOwner, TValue>(owner, compute(owner));
        cache = current;
        return current.Value;
    }
}
