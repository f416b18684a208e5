"""The footer of every screen: Textual's own, built once for the keys it shows, cheaply, and let go.

Textual's ``Footer`` rebuilds all its key widgets whenever the screen says its bindings may have
changed — when focus settles on the title menu, when a scene's choices take focus, when a modal
closes — and each key it builds is restyled twice on mounting (a key starts compact, then takes
the footer's setting through a data binding). On the title screen that was about a tenth of the
game's start-up. This footer:

- rebuilds only when what it would show (key, action, description, enabled, tooltip) changes, and
  not even then when the change is only keys it has built coming and going ("o Meanwhile" from
  one scene to the next): it hides and shows those;
- hands each key the footer's setting before it mounts;
- lets the keys of an earlier build go (Textual kept them, see ``compose``).

What it draws is Textual's footer, unchanged.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[str, str, str, bool, str], ...]


class KeysFooter(Footer):
    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 — Footer's own signature
        super().__init__(*args, **kwargs)
        self._built: Shown | None = None  # the keys the last build made a widget for
        self._shown: Shown | None = None  # the keys on show now (some of those may be hidden)

    def compose(self):  # noqa: ANN201 — Footer's
        if self._bindings_ready:  # Footer's first compose is empty; its keys come with the first bindings
            self._built = self._shown = self._keys(self.screen)
        # Each key watches the footer's ``compact`` (a data binding), and Textual drops a watcher only
        # when the watched value changes — never, here — so every rebuild kept the old keys alive with
        # all their rendering caches (Textual issue #6666): let the removed ones go.
        watchers = getattr(self, "__watchers", {}).get("compact")
        if watchers:
            watchers[:] = [(node, callback) for node, callback in watchers if node.is_attached]
        for widget in super().compose():
            if isinstance(widget, FooterKey) and "compact" in (widget._reactive_connect or {}):
                # already as its data binding to the footer would make it: not restyled on mounting
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    @staticmethod
    def _keys(screen: Screen) -> Shown:
        return tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip or binding.tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        )

    def bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen and self.is_attached:
            keys = self._keys(screen)
            if keys == self._shown or self._show_only(keys):
                return
        super().bindings_changed(screen)

    def _show_only(self, keys: Shown) -> bool:
        """When every key now wanted was built as it is wanted, hide the others instead of rebuilding.

        A scene's "o Meanwhile" comes and goes from one scene to the next: that is one key shown or
        hidden, not a footer of new widgets.
        """
        if self._built is None or not set(keys) <= set(self._built):
            return False
        wanted = {(key, action) for key, action, *_ in keys}
        for widget in self.query_children(FooterKey):
            widget.display = (widget.key, widget.action) in wanted
        self._shown = keys
        return True
