namespace Minimax.Contracts.Specs;

/// <summary>Binds the data section of a tabular dataset (format csv or parquet).</summary>
internal static class TabularDataBinder
{
    public static DataSpec Bind(SpecNode node, string specDirectory)
    {
        var fields = node.Fields("format", "train", "val", "test", "label", "group", "groups_by", "features", "standardize");

        var train = RunSpecReader.ResolvePath(RunSpecReader.Required(fields, "train", "data.train"), specDirectory);
        var val = RunSpecReader.ResolvePath(RunSpecReader.Required(fields, "val", "data.val"), specDirectory);
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
        if (groupsBy.Count == 0 && groupsByNode is not null)
        {
            throw groupsByNode.Error("must name at least one attribute column");
        }

        if (groupsBy.Contains(label))
        {
            throw groupsByNode!.Error($"'{label}' is the label column");
        }

        var features = fields.TryGetValue("features", out var featuresNode) ? Columns(featuresNode) : [];
        foreach (var feature in features)
        {
            if (feature == label || feature == group || groupsBy.Contains(feature))
            {
                throw featuresNode!.Error($"'{feature}' is the label or a group column");
            }
        }

        var format = fields.TryGetValue("format", out var formatNode)
            ? formatNode.Enum<DataFormat>()
            : string.Equals(Path.GetExtension(train), ".parquet", StringComparison.OrdinalIgnoreCase)
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
        };
    }

    private static List<string> Columns(SpecNode node)
    {
        var columns = new List<string>();
        foreach (var item in node.Items(allowScalar: true))
        {
            var column = item.String();
            if (columns.Contains(column))
            {
                throw item.Error($"'{column}' is listed twice");
            }

            columns.Add(column);
        }

        return columns;
    }
}
