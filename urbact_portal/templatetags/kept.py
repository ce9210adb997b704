"""`{% kept name part… [per="release"] %}…{% endkept %}`: a part of a page kept and reused
(see `urbact_portal.cache.kept`). A template names what the part depends on; the content
stamp, the release and the language are the seam's business."""

from django import template

from urbact_portal import cache

register = template.Library()


class KeptNode(template.Node):
    def __init__(self, nodelist, name, parts, per):
        self.nodelist, self.name, self.parts, self.per = nodelist, name, parts, per

    def render(self, context):
        return cache.kept(
            context["request"],
            self.name.resolve(context),
            tuple(str(part.resolve(context)) for part in self.parts),
            lambda: self.nodelist.render(context),
            per=self.per,
        )


@register.tag
def kept(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% kept %} needs a name")
    per = "content"
    if bits[-1].startswith("per="):
        per = bits.pop()[len("per=") :].strip("\"'")
        if per not in ("content", "release"):
            raise template.TemplateSyntaxError('{% kept %}: per="content" or per="release"')
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
        per,
    )
