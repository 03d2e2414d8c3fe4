namespace Minimax.Contracts.Specs;

/// <summary>
/// Binds the data section of a tabular dataset (format csv or parquet). A run names its train, val and
/// test files; an evaluation scores only its test file (and may name an example id column), the runs'
/// own training data having fixed the features and their scaling.
/// </summary>
internal static class TabularDataBinder
{
    private static readonly string[] TrainingFields = ["format", "train", "val", "test", "label", "group", "groups_by", "features", "standardize"];
    // train, val and standardize are known here only to be refused with a reason (below).
    private static readonly string[] EvaluationFields = [.. TrainingFields, "id"];

    public static DataSpec Bind(SpecNode node, string specDirectory, DataUse use)
    {
        var fields = node.Fields(use == DataUse.Training ? TrainingFields : EvaluationFields);
        string train = "", val = "";
        if (use == DataUse.Training)
        {
            train = RunSpecReader.ResolvePath(RunSpecReader.Required(fields, "train", "data.train"), specDirectory);
            val = RunSpecReader.ResolvePath(RunSpecReader.Required(fields, "val", "data.val"), specDirectory);
        }
        else
        {
            foreach (var (field, reason) in NotScoredByEvaluations)
            {
                if (fields.TryGetValue(field, out var notForEvaluation))
                {
                    throw notForEvaluation.Error(reason);
                }
            }
        }

        var test = RunSpecReader.ResolvePath(RunSpecReader.Required(fields, "test", "data.test"), specDirectory);
        var label = RunSpecReader.Required(fields, "label", "data.label").String();

        fields.TryGetValue("group", out var groupNode);
        fields.TryGetValue("groups_by", out var groupsByNode);
        if (groupNode is null && groupsByNode is null)
        {
            throw new SpecException("data.group", "set data.group (a group column) or data.groups_by (attribute columns)");
        }

        if (groupNode is not null && groupsByNode is not null)
        {
            throw new SpecException("data.groups_by", "set data.group or data.groups_by, not both");
        }

        var group = groupNode?.String();
        if (group == label)
        {
            throw groupNode!.Error($"'{group}' is the label column");
        }

        var groupsBy = groupsByNode is null ? [] : Columns(groupsByNode);
        var groupColumns = groupsBy.ToHashSet(StringComparer.Ordinal);
        if (groupsBy.Count == 0 && groupsByNode is not null)
        {
            throw groupsByNode.Error("must name at least one attribute column");
        }

        if (groupColumns.Contains(label))
        {
            throw groupsByNode!.Error($"'{label}' is the label column");
        }

        var features = fields.TryGetValue("features", out var featuresNode) ? Columns(featuresNode) : [];
        foreach (var feature in features)
        {
            if (feature == label || feature == group || groupColumns.Contains(feature))
            {
                throw featuresNode!.Error($"'{feature}' is the label or a group column");
            }
        }

        var id = fields.TryGetValue("id", out var idNode) ? idNode.String() : null;
        if (id is not null && (id == label || id == group || groupColumns.Contains(id) || features.Contains(id)))
        {
            throw idNode!.Error($"'{id}' is the label, a group or a feature column");
        }

        var format = fields.TryGetValue("format", out var formatNode)
            ? formatNode.Enum<DataFormat>()
            : string.Equals(Path.GetExtension(use == DataUse.Training ? train : test), ".parquet", StringComparison.OrdinalIgnoreCase)
                ? DataFormat.Parquet
                : DataFormat.Csv;

        return new DataSpec
        {
            Format = format,
            Train = train,
            Val = val,
            Test = test,
            Label = label,
            Group = group,
            GroupsBy = groupsBy,
            Features = features,
            Standardize = fields.TryGetValue("standardize", out var standardize) && standardize.Bool(),
            Id = id,
        };
    }

    private static readonly (string Field, string Reason)[] NotScoredByEvaluations =
    [
        ("train", "an evaluation scores data.test only; the runs' own training data fixed their features and scaling"),
        ("val", "an evaluation scores data.test only"),
        ("standardize", "an evaluation scales features as each run did (its own training mean and standard deviation)"),
    ];

    private static List<string> Columns(SpecNode node)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in node.Items(allowScalar: true))
        {
            var column = item.String();
            if (!seen.Add(column))
            {
                throw item.Error($"'{column}' is listed twice");
            }

            columns.Add(column);
        }

        return columns;
    }
}
