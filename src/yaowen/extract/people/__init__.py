"""People and their posts, found by the genre's own grammar rather than a statistical tagger.

Official news names officials in a fixed shape: a chain of posts, then one name or a list of names, then a
verb or punctuation — ``市委副书记、市长、市委审计委员会副主任朱健出席``, ``市领导毛朝晖、刘正兴、伍清明出席``.
``posts`` finds the post words and the organs printed before them, ``chains`` links posts into chains and
writes their titles out, ``names`` settles where a name ends, ``lists`` finds lists of names with no post in
front, ``roles`` finds people named outside a chain (speakers, forms of address), ``find`` puts it together.
"""

from .find import find_people, titled_people
from .mention import Mention
from .names import read_name
from .posts import is_longer_form, post_words

__all__ = ["Mention", "find_people", "titled_people", "is_longer_form", "post_words", "read_name"]
