namespace Minimax.Contracts.Specs;

/// <summary>What a spec's data section is for: training a run (train, val and test) or scoring models (test only).</summary>
internal enum DataUse { Training, Evaluation }
