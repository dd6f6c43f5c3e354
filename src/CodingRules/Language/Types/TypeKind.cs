namespace CodingRules.Language;

/// <summary>The kinds of value an expression can have.</summary>
public enum TypeKind
{
    /// <summary>The type of the <c>null</c> literal; compares equal only to missing values.</summary>
    Null,

    /// <summary>Text.</summary>
    String,

    /// <summary>A decimal number (integers included).</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A calendar date without time.</summary>
    Date,

    /// <summary>A period such as <c>months(12)</c>, added to or taken from a date.</summary>
    Period,

    /// <summary>A list of values of one element type.</summary>
    List,

    /// <summary>A record of named fields (encounter, procedure, joint).</summary>
    Object,
}
