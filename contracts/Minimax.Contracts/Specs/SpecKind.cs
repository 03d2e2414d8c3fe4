namespace Minimax.Contracts.Specs;

/// <summary>The top-level <c>kind</c> of a spec: one training run, or a DoReMi mixture job.</summary>
public enum SpecKind { Train, DoReMi }
