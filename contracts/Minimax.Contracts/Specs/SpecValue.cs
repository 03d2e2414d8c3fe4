namespace Minimax.Contracts.Specs;

/// <summary>
/// A node of a spec's YAML as <see cref="SpecYamlLoader"/> builds it: only what binding reads (a
/// scalar's text and whether it was quoted, a mapping's keys in order, a list's items). An alias is
/// the very node of its anchor, shared rather than copied.
/// </summary>
internal abstract class SpecValue
{
    /// <summary>An empty plain scalar or a YAML null (~, null): the same as a field left out.</summary>
    public virtual bool IsNull => false;
}

internal sealed class SpecScalar(string value, bool plain) : SpecValue
{
    public string Value { get; } = value;

    /// <summary>Unquoted and not a block: only a plain scalar is a number, a boolean or null.</summary>
    public bool IsPlain { get; } = plain;

    public override bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed class SpecMapping : SpecValue
{
    /// <summary>Keys in document order; the loader refuses a key twice, so each is unique.</summary>
    public OrderedDictionary<string, SpecValue> Children { get; } = new(StringComparer.Ordinal);
}

internal sealed class SpecSequence : SpecValue
{
    public List<SpecValue> Children { get; } = [];
}
