namespace Minimax.Cli.Data;

/// <summary>What was written for one split: its file and the row count of each group g = 2y + a.</summary>
internal sealed record SplitSummary(string Name, string Path, IReadOnlyList<int> GroupCounts);
