namespace Minimax.Engine.Data;

/// <summary>Train, validation and test splits that share one feature layout, class count and group count.</summary>
public sealed class TabularDataset
{
    public TabularDataset(
        TabularSplit train,
        TabularSplit val,
        TabularSplit test,
        int classCount,
        int groupCount,
        IReadOnlyList<string> featureNames,
        long[] trainGroupCounts)
    {
        Train = train;
        Val = val;
        Test = test;
        ClassCount = classCount;
        GroupCount = groupCount;
        FeatureNames = featureNames;
        TrainGroupCounts = trainGroupCounts;
    }

    public TabularSplit Train { get; }

    public TabularSplit Val { get; }

    public TabularSplit Test { get; }

    public int ClassCount { get; }

    public int GroupCount { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>n_g: the size of every group in the full training split.</summary>
    public long[] TrainGroupCounts { get; }
}
