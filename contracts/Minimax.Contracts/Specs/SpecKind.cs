namespace Minimax.Contracts.Specs;

/// <summary>The top-level <c>kind</c> of a spec: one training run, a DoReMi mixture job, an evaluation job or a sweep.</summary>
public enum SpecKind { Train, DoReMi, Evaluation, Sweep }
