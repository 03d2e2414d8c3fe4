namespace Minimax.Contracts.Specs;

/// <summary>The top-level <c>kind</c> of a spec: one training run, a DoReMi mixture job or an evaluation job.</summary>
public enum SpecKind { Train, DoReMi, Evaluation }
