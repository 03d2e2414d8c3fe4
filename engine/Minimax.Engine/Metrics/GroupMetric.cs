namespace Minimax.Engine.Metrics;

/// <summary>One group's accuracy and mean loss; both are 0 when the group has no examples.</summary>
public sealed record GroupMetric(int Group, long Count, double Accuracy, double Loss);
