using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RecSharp.Cli.Commands;

/// <summary>
/// Reads a YAML settings file (<c>train --config run.yaml</c>) into the JSON object the JSON loader reads, so both
/// formats share one list of keys and one set of error messages. Plain scalars follow YAML's core schema
/// (true/false, integers, floats, null); quoted scalars are always strings; a sequence becomes an array.
/// </summary>
internal static class YamlSettings
{
    public static JsonObject Read(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{path}: invalid YAML (line {e.Start.Line}: {e.Message})", e);
        }
        if (stream.Documents.Count == 0) return new JsonObject();
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new InvalidDataException($"{path}: expected a YAML mapping of settings (key: value lines)");
        var result = new JsonObject();
        foreach (var (key, value) in root.Children)
        {
            string name = key is YamlScalarNode { Value: { } text } ? text
                : throw new InvalidDataException($"{path}: line {key.Start.Line}: a key must be a plain name");
            if (result.ContainsKey(name)) throw new InvalidDataException($"{path}: key \"{name}\" appears twice");
            result[name] = ToJson(value);
        }
        return result;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlScalarNode scalar => Scalar(scalar),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        // A nested mapping is never a setting: the loader reports it as the wrong type, naming the key.
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(p => KeyValuePair.Create(p.Key.ToString(), ToJson(p.Value)))),
        _ => JsonValue.Create(node.ToString()),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        string text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain) return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        // Numbers go through JSON text so the loader sees them exactly as it sees numbers in a .json file.
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
            return JsonNode.Parse(integer.ToString(CultureInfo.InvariantCulture));
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) && double.IsFinite(real))
            return JsonNode.Parse(real.ToString("R", CultureInfo.InvariantCulture));
        return JsonValue.Create(text);
    }
}
