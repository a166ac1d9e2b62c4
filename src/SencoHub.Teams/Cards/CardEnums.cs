namespace SencoHub.Teams.Cards;

public enum TextSize { Default, Small, Medium, Large, ExtraLarge }

public enum TextWeight { Default, Lighter, Bolder }

public enum TextColor { Default, Dark, Light, Accent, Good, Warning, Attention }

public enum Spacing { None, Small, Default, Medium, Large, ExtraLarge, Padding }

public enum HorizontalAlignment { Left, Center, Right }

public enum VerticalAlignment { Top, Center, Bottom }

public enum ContainerStyle { Default, Emphasis, Good, Attention, Warning, Accent }

internal enum ImageSize { Auto, Stretch, Small, Medium, Large }

internal enum ImageStyle { Default, Person }

public enum TextInputStyle { Text, Tel, Url, Email, Password }

public enum ChoiceInputStyle { Compact, Expanded, Filtered }

public enum AssociatedInputs { Auto, None }

public enum TextBlockStyle { Default, Heading }

internal static class CardEnum
{
    /// <summary>Adaptive Card enum values are the member names in camelCase.</summary>
    public static string Json<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
